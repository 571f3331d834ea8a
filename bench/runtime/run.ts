/**
 * `npm run bench:runtime`: micro-benchmarks behind two runtime design
 * choices, each against the plain alternative in the same run:
 * - deadlines: one `setTimeout` per call vs the single-timer `DeadlineQueue`;
 * - calls by id: a `Map` vs `IdTable`, measured for the GC a `Map` causes
 *   when ids keep increasing (runtime/pending/id-table.ts says why).
 * Prints a markdown table of medians over the rounds.
 */
import { formatRatio, markdownTable } from "../lib/markdown-table.js";
import { median } from "../lib/stats.js";
import { withQueue, withSetTimeout } from "./deadline-cost.js";
import { measureInChild } from "./id-table-gc.js";

const ROUNDS = 3;
const timeouts: number[] = [];
const queue: number[] = [];
const map: number[] = [];
const mapGc: number[] = [];
const table: number[] = [];
const tableGc: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
  timeouts.push(withSetTimeout());
  queue.push(withQueue());
  const m = measureInChild("map");
  map.push(m.usPerCall);
  mapGc.push(m.gcUsPerCall);
  const t = measureInChild("idtable");
  table.push(t.usPerCall);
  tableGc.push(t.gcUsPerCall);
}

const us = (values: readonly number[]): string => median(values).toFixed(3);
console.log(
  markdownTable(
    ["what (64 in flight)", "plain µs/call", "GC µs/call", "runtime µs/call", "GC µs/call", "plain ÷ runtime"],
    [
      ["deadline: setTimeout+clearTimeout vs DeadlineQueue add+remove", us(timeouts), "–", us(queue), "–", formatRatio(median(timeouts) / median(queue))],
      ["calls by id with ~20 KB replies: Map vs IdTable", us(map), us(mapGc), us(table), us(tableGc), formatRatio(median(map) / median(table))],
    ],
  ),
);
console.log(`\n${ROUNDS} rounds, medians; Node ${process.version}. Higher plain ÷ runtime: the runtime's choice is cheaper.`);
