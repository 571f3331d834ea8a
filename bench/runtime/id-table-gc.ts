/**
 * What keying calls by id costs in garbage collection: a `Map` versus
 * `IdTable`, with 64 calls in flight, ids increasing, each call ending
 * with a freshly built reply of ~20 KB of small objects (like a decoded
 * large bench payload) that the call keeps, as a settled promise keeps its
 * value. Measures wall time and GC time per call, each kind in a fresh
 * process (so neither inherits the other's heap). Part of
 * `npm run bench:runtime`.
 *
 * 2026-12-04, this machine, pinned to one core: Map 172-202 µs/call of
 * which 87% GC; IdTable 13-15 µs/call, 10% GC. The loop does nothing but
 * allocate, so the gap is larger than in a real client (bench:rpc figures
 * in id-table.ts), but the mechanism is the same: the Map's discarded
 * hash tables keep finished calls and their replies alive.
 */
import { execFileSync } from "node:child_process";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { IdTable } from "../../runtime/pending/id-table.js";

const IN_FLIGHT = 64;
const CALLS = 200_000;

interface Table<E> {
  set(id: number, e: E): void;
  get(id: number): E | undefined;
  delete(id: number): boolean;
}

class Call {
  reply: unknown = undefined;
  constructor(readonly id: number) {}
}

/** ~20 KB of small objects and strings. */
function buildReply(seed: number): unknown {
  const items: { k: string; v: number; tags: number[] }[] = [];
  for (let i = 0; i < 200; i++) items.push({ k: `key-${seed & 1023}-${i}`, v: i, tags: [i, seed] });
  return { seed, items };
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

/** One kind's figures, µs per call. */
export interface GcCost {
  readonly usPerCall: number;
  readonly gcUsPerCall: number;
}

async function run(table: Table<Call>): Promise<GcCost> {
  let next = 1;
  let oldest = 1;
  for (let i = 0; i < IN_FLIGHT; i++) table.set(next, new Call(next++));
  await new Promise((resolve) => setImmediate(resolve));
  gcMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    // The oldest call ends: out of the table, its reply attached, then dropped.
    const call = table.get(oldest) as Call;
    table.delete(oldest++);
    call.reply = buildReply(i);
    table.set(next, new Call(next++));
  }
  const ms = performance.now() - t0;
  // GC entries are delivered asynchronously, after a timer.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { usPerCall: (ms * 1000) / CALLS, gcUsPerCall: (gcMs * 1000) / CALLS };
}

/** Runs `kind` in a fresh process. */
export function measureInChild(kind: "map" | "idtable"): GcCost {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), kind], { encoding: "utf8" });
  return JSON.parse(out) as GcCost;
}

// As a child: one kind, figures as JSON on stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kind = process.argv[2];
  const table = kind === "map" ? new Map<number, Call>() : kind === "idtable" ? new IdTable<Call>() : undefined;
  if (table === undefined) throw new Error(`usage: id-table-gc.js map|idtable`);
  process.stdout.write(JSON.stringify(await run(table)));
}
