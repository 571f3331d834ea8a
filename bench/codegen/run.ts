/**
 * `npm run bench:codegen`: times `codegen` against protoc + protoc-gen-es and
 * protoc + ts-proto on the synthetic corpus (see make-corpus.ts) and on
 * bench.proto alone (start-up), and prints a markdown table with ratios.
 *
 * Each command runs once untimed, then `--runs` (3) times, interleaved across
 * generators so that drift of a shared machine hits all alike; the table
 * shows medians. Every run starts with an empty output folder.
 *
 * Options: `--runs N`, `--only codegen,es,...` (keys of `generators`).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeCorpus } from "./make-corpus.js";
import { median } from "../lib/stats.js";
import { formatMs, timeCommand, type CommandLine, type TimedRun } from "./timing.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const work = path.join(repoRoot, "bench/.work");
const bin = (name: string) => path.join(repoRoot, "node_modules/.bin", name);

/** What a generator is asked to do: an import root and files relative to it. */
interface Workload {
  readonly key: "single" | "corpus";
  readonly root: string;
  readonly files: readonly string[];
}

interface Generator {
  readonly key: string;
  readonly label: string;
  line(workload: Workload, out: string): CommandLine;
}

const protocPlugin = (plugin: string, name: string, opt?: string) =>
  (workload: Workload, out: string): CommandLine => ({
    command: "protoc",
    args: [
      `--plugin=protoc-gen-${name}=${plugin}`,
      `--${name}_out=${out}`,
      ...(opt === undefined ? [] : [`--${name}_opt=${opt}`]),
      "-I",
      workload.root,
      ...workload.files,
    ],
    cwd: repoRoot,
  });

const generators: readonly Generator[] = [
  {
    key: "protoc",
    label: "protoc alone (parse, write descriptors): floor",
    line: (w, out) => ({
      command: "protoc",
      args: ["--include_imports", `--descriptor_set_out=${path.join(out, "set.pb")}`, "-I", w.root, ...w.files],
      cwd: repoRoot,
    }),
  },
  {
    key: "codegen",
    label: "**codegen**",
    line: (w, out) => ({
      command: process.execPath,
      args: [path.join(repoRoot, "dist/generator/bin/codegen.js"), "-I", w.root, "-o", out, ...w.files.map((f) => path.join(w.root, f))],
      cwd: repoRoot,
    }),
  },
  {
    key: "plugin",
    label: "protoc + protoc-gen-protostub",
    line: protocPlugin(path.join(repoRoot, "dist/generator/bin/protoc-gen-protostub.js"), "protostub"),
  },
  { key: "es", label: "protoc + protoc-gen-es (target=ts)", line: protocPlugin(bin("protoc-gen-es"), "es", "target=ts") },
  {
    key: "ts-proto",
    label: "protoc + ts-proto (outputServices=generic-definitions)",
    line: protocPlugin(bin("protoc-gen-ts_proto"), "ts_proto", "outputServices=generic-definitions"),
  },
];

interface Measured {
  readonly runs: number[];
  readonly cpu: number[];
  error?: string;
  outputFiles: number;
  outputBytes: number;
}

function parseArgs(argv: readonly string[]): { runs: number; only: Set<string> } {
  let runs = 3;
  let only = new Set(generators.map((g) => g.key));
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--only") only = new Set((argv[++i] ?? "").split(","));
    else throw new Error(`unknown argument ${argv[i]}; use --runs N and --only ${generators.map((g) => g.key).join(",")}`);
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a positive integer");
  return { runs, only };
}

function outputSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const stat = statSync(path.join(dir, String(name)));
    if (stat.isFile()) {
      files++;
      bytes += stat.size;
    }
  }
  return { files, bytes };
}

/** Warm-up plus `runs` timed runs of every generator, interleaved. */
function measure(workload: Workload, chosen: readonly Generator[], runs: number): Map<string, Measured> {
  const results = new Map<string, Measured>(chosen.map((g) => [g.key, { runs: [], cpu: [], outputFiles: 0, outputBytes: 0 }]));
  for (let round = 0; round <= runs; round++) {
    for (const generator of chosen) {
      const entry = results.get(generator.key);
      if (entry === undefined || entry.error !== undefined) continue;
      const out = path.join(work, "out", workload.key, generator.key);
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      const run: TimedRun = timeCommand(generator.line(workload, out));
      if (!run.ok) {
        entry.error = run.error;
        continue;
      }
      // Round 0 is the warm-up.
      if (round > 0) {
        entry.runs.push(run.ms);
        if (run.cpuMs !== undefined) entry.cpu.push(run.cpuMs);
      }
      const size = outputSize(out);
      entry.outputFiles = size.files;
      entry.outputBytes = size.bytes;
    }
  }
  return results;
}

function cell(m: Measured | undefined): string {
  if (m === undefined) return "n/a";
  if (m.error !== undefined) return `failed (${m.error.replaceAll("|", "\\|").slice(0, 160)})`;
  return formatMs(median(m.runs));
}

function ratio(m: Measured | undefined, base: Measured | undefined, pick: (m: Measured) => number[] = (x) => x.runs): string {
  if (m?.error !== undefined || base?.error !== undefined || m === undefined || base === undefined) return "";
  if (pick(m).length === 0 || pick(base).length === 0) return "";
  return `${(median(pick(m)) / median(pick(base))).toFixed(2)}×`;
}

function cpuCell(m: Measured | undefined): string {
  return m === undefined || m.error !== undefined || m.cpu.length === 0 ? "" : formatMs(median(m.cpu));
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

async function main(): Promise<void> {
  const { runs, only } = parseArgs(process.argv.slice(2));
  const chosen = generators.filter((g) => only.has(g.key));
  const stats = await makeCorpus(path.join(work, "corpus"));
  const single: Workload = { key: "single", root: path.join(repoRoot, "fixtures/proto"), files: ["bench/v1/bench.proto"] };
  const corpus: Workload = { key: "corpus", root: path.join(work, "corpus"), files: stats.files };

  process.stderr.write(`timing ${chosen.length} generators, ${runs} runs after a warm-up; ts-proto takes a while…\n`);
  const small = measure(single, chosen, runs);
  const large = measure(corpus, chosen, runs);
  const baseSmall = small.get("codegen");
  const baseLarge = large.get("codegen");

  const lines = [
    `Corpus: ${stats.files.length} files, ${stats.messages} messages, ${stats.fields} fields, ` +
      `${stats.methods} methods, ${stats.lines} lines (seed 1). Wall time of the whole command, ` +
      `median of ${runs} after one warm-up, empty output folder each run; CPU = user + system time of the ` +
      `command and its plugins. Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ` +
      `load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end. ×codegen = time / codegen's time.`,
    "",
    "| generator | bench.proto | ×codegen | corpus (200 files) | ×codegen | corpus runs | corpus CPU | ×codegen | corpus output |",
    "|---|---:|---:|---:|---:|---|---:|---:|---:|",
  ];
  for (const g of chosen) {
    const s = small.get(g.key);
    const l = large.get(g.key);
    const runsText = l?.error === undefined ? (l?.runs.map((ms) => Math.round(ms).toLocaleString("en-US")).join(", ") ?? "") : "";
    const output = l?.error === undefined && l !== undefined ? `${l.outputFiles} file${l.outputFiles === 1 ? "" : "s"}, ${mib(l.outputBytes)}` : "";
    const cpuRatio = ratio(l, baseLarge, (x) => x.cpu);
    lines.push(
      `| ${g.label} | ${cell(s)} | ${ratio(s, baseSmall)} | ${cell(l)} | ${ratio(l, baseLarge)} | ${runsText} | ${cpuCell(l)} | ${cpuRatio} | ${output} |`,
    );
  }
  const es = large.get("es");
  if (es && baseLarge && es.error === undefined && baseLarge.error === undefined) {
    const verdict = (r: number) => (r <= 1 ? "goal met" : r <= 2 ? "within 2×, goal not met" : "NOT within 2×");
    const wall = median(baseLarge.runs) / median(es.runs);
    const cpu = baseLarge.cpu.length > 0 && es.cpu.length > 0 ? median(baseLarge.cpu) / median(es.cpu) : undefined;
    lines.push(
      "",
      `codegen on the corpus vs protoc + protoc-gen-es (goal: at most 1×, never more than 2×): ` +
        `${wall.toFixed(2)}× the wall time (${verdict(wall)})` +
        (cpu === undefined ? "." : `, ${cpu.toFixed(2)}× the CPU time (${verdict(cpu)}).`),
    );
  }
  const table = `${lines.join("\n")}\n`;
  writeFileSync(path.join(work, "codegen-results.md"), table);
  process.stdout.write(table);
}

await main();
