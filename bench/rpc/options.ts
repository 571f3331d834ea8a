/**
 * Command-line flags of `npm run bench:rpc -- ...`.
 */
import { parseArgs } from "node:util";
import { ALL_POINTS, type Point } from "./points.js";
import { IMPLEMENTATION_NAMES, isImplementationName, type ImplementationName } from "./registry.js";

/** Everything a bench run is told. */
export interface BenchOptions {
  readonly reps: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly drainMs: number;
  readonly maxCalls: number;
  readonly points: readonly Point[];
  readonly impls: readonly ImplementationName[];
  readonly json: string | undefined;
  readonly cpuProfDir: string | undefined;
  readonly fixturesDir: string | undefined;
  readonly pin: boolean;
  /** Node/V8 flags for every server and client process (none by default: Node's defaults). */
  readonly nodeFlags: readonly string[];
}

/** Usage text for --help. */
export const USAGE = `usage: npm run bench:rpc -- [flags]
  --reps N         repetitions of every run, interleaved (default 1)
  --warmup S       warm-up seconds per run (default 1)
  --window S       measured seconds per run (default 3)
  --drain S        max seconds to wait for calls in flight after the window (default 10)
  --max-calls N    cap on calls started per run (default 50000000)
  --points LIST    comma-separated; a point runs if an item is its id or whole
                   dash-separated words of it, e.g. echo-small, c64, download (ids: ${ALL_POINTS.map((p) => p.id).join(", ")})
  --impls LIST     comma-separated subset of ${IMPLEMENTATION_NAMES.join(", ")} (default: all available)
  --json FILE      also write every run's figures as JSON
  --cpu-prof DIR   write V8 CPU profiles of every server and client process to DIR
  --fixtures DIR   a fixtures tree other than the project's (same layout)
  --no-pin         do not pin server and client to CPUs 0 and 1
  --node-flag F    a Node/V8 flag for every server and client process, of
                   every implementation alike; repeatable (e.g.
                   --node-flag=--single-threaded-gc). Default: none`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: expected a positive number, got "${raw}"`);
  return value;
}

/** True when the dash-separated words of `item` appear in a row in `id` ("small-c64" in "echo-small-c64"). */
function matches(id: string, item: string): boolean {
  return `-${id}-`.includes(`-${item}-`);
}

function selectPoints(raw: string | undefined): Point[] {
  if (raw === undefined) return [...ALL_POINTS];
  const items = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const points = ALL_POINTS.filter((p) => items.some((item) => matches(p.id, item)));
  if (points.length === 0) throw new Error(`--points: "${raw}" selects no point`);
  return points;
}

function selectImpls(raw: string | undefined): ImplementationName[] {
  if (raw === undefined) return [...IMPLEMENTATION_NAMES];
  const names = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const name of names) {
    if (!isImplementationName(name)) throw new Error(`--impls: unknown "${name}" (known: ${IMPLEMENTATION_NAMES.join(", ")})`);
  }
  return IMPLEMENTATION_NAMES.filter((n) => names.includes(n));
}

function nodeFlags(flags: readonly string[]): string[] {
  for (const flag of flags) {
    if (!flag.startsWith("--")) throw new Error(`--node-flag: expected a flag such as --single-threaded-gc, got "${flag}"`);
  }
  return [...flags];
}

/** Parses `argv`; returns undefined when --help was asked. Throws on bad flags. */
export function parseOptions(argv: readonly string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      reps: { type: "string" },
      warmup: { type: "string" },
      window: { type: "string" },
      drain: { type: "string" },
      "max-calls": { type: "string" },
      points: { type: "string" },
      impls: { type: "string" },
      json: { type: "string" },
      "cpu-prof": { type: "string" },
      fixtures: { type: "string" },
      "no-pin": { type: "boolean" },
      "node-flag": { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help === true) return undefined;
  return {
    reps: Math.floor(positive("reps", values.reps, 1)),
    warmupMs: positive("warmup", values.warmup, 1) * 1000,
    windowMs: positive("window", values.window, 3) * 1000,
    drainMs: positive("drain", values.drain, 10) * 1000,
    maxCalls: Math.floor(positive("max-calls", values["max-calls"], 50_000_000)),
    points: selectPoints(values.points),
    impls: selectImpls(values.impls),
    json: values.json,
    cpuProfDir: values["cpu-prof"],
    fixturesDir: values.fixtures,
    pin: values["no-pin"] !== true,
    nodeFlags: nodeFlags(values["node-flag"] ?? []),
  };
}
