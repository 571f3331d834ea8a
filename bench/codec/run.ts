/**
 * `npm run bench:codec`: encode and decode ops/s of bench.v1.Payload (small
 * and large payloads of fixtures/bench-payloads.json) for protostub against
 * protobufjs 8 static code and @bufbuild/protobuf v2, printed as a markdown
 * table with protostub's ratio to each peer.
 *
 * Method (as in ../shared/PEERS.md section 2): every (codec, payload) runs in
 * its own fresh Node process, pinned to one core with taskset when there is
 * one, so JIT feedback of one library cannot slow another; warm-up, then
 * alternating encode/decode samples, median. The whole set is repeated
 * `--reps` times, interleaved across codecs, and the table shows the median
 * of the repetitions. Encodings are compared across codecs (≠ marks a
 * different one) and each codec must re-encode its own decode identically.
 *
 * Options: --reps N (3), --samples N (7), --sample-ms N (300),
 * --warmup-ms N (1000), --cpu N (1; --cpu none to not pin),
 * --clock cpu|wall (cpu: process CPU time, see measure.ts),
 * --only protostub,reference,pbjs,es (default: all but the hand-written
 * reference, which runs by default only while the generated code is missing).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatInt, formatPercent, formatRatio, markdownTable } from "../lib/markdown-table.js";
import { median, spread } from "../lib/stats.js";
import { type CodecEntry, codecs } from "./codecs.js";
import type { Clock, MeasureOptions } from "./measure.js";
import { benchWork, repoRoot } from "./paths.js";
import { preparePeers } from "./prepare-peers.js";
import type { WorkerResult } from "./worker.js";

const PAYLOADS = ["small", "large"] as const;
const workerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.js");

interface Args {
  readonly reps: number;
  readonly cpu: string | undefined;
  readonly only: ReadonlySet<string> | undefined;
  readonly measure: MeasureOptions;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const int = (name: string, fallback: number): number => {
    const v = value(name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got ${v}`);
    return n;
  };
  const cpu = value("cpu") ?? (os.availableParallelism() > 1 ? "1" : "none");
  const only = value("only");
  return {
    reps: Math.max(1, int("reps", 3)),
    cpu: cpu === "none" ? undefined : cpu,
    only: only === undefined ? undefined : new Set(only.split(",")),
    measure: {
      clock: clockOf(value("clock") ?? "cpu"),
      warmupMs: int("warmup-ms", 1000),
      sampleMs: int("sample-ms", 300),
      samples: Math.max(1, int("samples", 7)),
    },
  };
}

function clockOf(v: string): Clock {
  if (v !== "cpu" && v !== "wall") throw new Error(`--clock takes cpu or wall, not ${v}`);
  return v;
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function runWorker(codec: CodecEntry, payload: string, args: Args, pin: boolean): WorkerResult {
  const nodeArgs = [workerScript, codec.key, payload, JSON.stringify(args.measure)];
  const [command, commandArgs] = pin && args.cpu !== undefined
    ? ["taskset", ["-c", args.cpu, process.execPath, ...nodeArgs]] as const
    : [process.execPath, nodeArgs] as const;
  const child = spawnSync(command, commandArgs, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (child.status !== 0) throw new Error(`${codec.key} ${payload}: worker exited with ${child.status ?? child.signal}`);
  return JSON.parse(child.stdout.split("\n")[0] ?? "") as WorkerResult;
}

interface Row {
  readonly codec: CodecEntry;
  readonly size: { [payload: string]: number };
  readonly digest: { [payload: string]: string };
  /** Median over repetitions, by `${payload} ${op}`. */
  readonly ops: { [figure: string]: number };
  /** Largest spread over repetitions among the figures. */
  readonly spread: number;
}

function summarize(codec: CodecEntry, results: readonly WorkerResult[]): Row {
  const size: { [payload: string]: number } = {};
  const digest: { [payload: string]: string } = {};
  const ops: { [figure: string]: number } = {};
  let worst = 0;
  for (const payload of PAYLOADS) {
    const mine = results.filter((r) => r.codec === codec.key && r.payload === payload);
    size[payload] = mine[0]?.size ?? NaN;
    digest[payload] = mine[0]?.digest ?? "";
    for (const op of ["encode", "decode"] as const) {
      const values = mine.map((r) => r[op]);
      ops[`${payload} ${op}`] = median(values);
      worst = Math.max(worst, spread(values));
    }
  }
  return { codec, size, digest, ops, spread: worst };
}

const FIGURES = ["small encode", "small decode", "large encode", "large decode"];

function render(rows: readonly Row[], args: Args, pinned: boolean): string {
  const majority = (payload: string): string => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.digest[payload] ?? "", (counts.get(r.digest[payload] ?? "") ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  };
  const sizeCell = (r: Row, payload: string): string =>
    `${formatInt(r.size[payload] ?? NaN)}${r.digest[payload] === majority(payload) ? "" : " (≠)"}`;
  const mbs = (r: Row, op: string): string => ((r.ops[`large ${op}`] ?? NaN) * (r.size["large"] ?? NaN) / 1e6).toFixed(0);
  const main = markdownTable(
    ["codec", "small size B", "small encode ops/s", "small decode ops/s", "large size B", "large encode ops/s", "large decode ops/s",
      "large encode MB/s", "large decode MB/s", "spread"],
    rows.map((r) => [
      r.codec.label, sizeCell(r, "small"), formatInt(r.ops["small encode"] ?? NaN), formatInt(r.ops["small decode"] ?? NaN),
      sizeCell(r, "large"), formatInt(r.ops["large encode"] ?? NaN), formatInt(r.ops["large decode"] ?? NaN),
      mbs(r, "encode"), mbs(r, "decode"), formatPercent(r.spread),
    ]),
  );
  const ours = rows.filter((r) => r.codec.key === "protostub" || r.codec.key === "reference");
  const peers = rows.filter((r) => r.codec.key === "pbjs" || r.codec.key === "es");
  const ratioRows = ours.flatMap((o) => peers.map((p) => [
    `${o.codec.key} ÷ ${p.codec.key}`,
    ...FIGURES.map((f) => formatRatio((o.ops[f] ?? NaN) / (p.ops[f] ?? NaN))),
  ]));
  const ratios = ratioRows.length === 0 ? "" : `\n\n${markdownTable(["ratio (higher: protostub faster)", ...FIGURES], ratioRows)}`;
  const how = `${args.reps} repetition(s) × ${args.measure.samples} samples of ${args.measure.sampleMs} ms after ${args.measure.warmupMs} ms warm-up; ` +
    `one fresh process per codec and payload${pinned ? `, pinned to CPU ${args.cpu}` : ", not pinned"}; ` +
    `clock: ${args.measure.clock === "cpu" ? "process CPU time" : "wall time"}; medians. ` +
    `Node ${process.version}. spread = largest (max−min)/median over the repetitions.`;
  return `${main}${ratios}\n\n${how}\n`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  preparePeers();
  const chosen: CodecEntry[] = [];
  for (const c of codecs) {
    if (args.only === undefined ? !c.byDefault() : !args.only.has(c.key)) continue;
    const why = c.unavailable();
    if (why === undefined) chosen.push(c);
    else process.stderr.write(`skipping ${c.key}: ${why}\n`);
  }
  const pin = args.cpu !== undefined && hasTaskset();
  const results: WorkerResult[] = [];
  for (let rep = 0; rep < args.reps; rep++) {
    for (const payload of PAYLOADS) {
      for (const codec of chosen) {
        process.stderr.write(`rep ${rep + 1}/${args.reps} ${payload} ${codec.key}\n`);
        results.push(runWorker(codec, payload, args, pin));
      }
    }
  }
  const table = render(chosen.map((c) => summarize(c, results)), args, pin);
  mkdirSync(benchWork, { recursive: true });
  writeFileSync(path.join(benchWork, "results.md"), table);
  writeFileSync(path.join(benchWork, "results.json"), `${JSON.stringify(results, null, 1)}\n`);
  process.stdout.write(table);
}

main();
