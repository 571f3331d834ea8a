/**
 * Turns runs into the markdown tables: medians over repetitions, ratios to
 * `limit` and to `grpc-js` at the same point.
 */
import type { Point } from "./points.js";
import type { Figures, RunResult } from "./run-point.js";
import { median, spread } from "./stats.js";

/** Medians of one implementation at one point over its successful runs. */
export interface Summary extends Figures {
  readonly point: Point;
  readonly impl: string;
  readonly runs: number;
  readonly ok: number;
  /** (max - min) / median of the runs' throughput. */
  readonly spread: number;
  /** Errors and notes of its runs, deduplicated. */
  readonly remarks: readonly string[];
}

/** One summary per (point, implementation) that was run, in table order. */
export function summarize(results: readonly RunResult[], points: readonly Point[], impls: readonly string[]): Summary[] {
  const summaries: Summary[] = [];
  for (const point of points) {
    for (const impl of impls) {
      const runs = results.filter((r) => r.pointId === point.id && r.impl === impl);
      if (runs.length === 0) continue;
      const ok = runs.filter((r) => r.error === undefined);
      const med = (pick: (r: RunResult) => number): number => median(ok.map(pick));
      // First lines only: a child's stack trace is on stderr already.
      const remarks = new Set(
        runs.flatMap((r) => [r.error, r.note].filter((s): s is string => s !== undefined)).map((s) => s.split("\n")[0] ?? s),
      );
      summaries.push({
        point,
        impl,
        runs: runs.length,
        ok: ok.length,
        throughput: med((r) => r.throughput),
        spread: spread(ok.map((r) => r.throughput)),
        p50Us: med((r) => r.p50Us),
        p99Us: med((r) => r.p99Us),
        serverCpuUs: med((r) => r.serverCpuUs),
        clientCpuUs: med((r) => r.clientCpuUs),
        serverCore: med((r) => r.serverCore),
        clientCore: med((r) => r.clientCore),
        serverRssMiB: med((r) => r.serverRssMiB),
        clientRssMiB: med((r) => r.clientRssMiB),
        remarks: [...remarks],
      });
    }
  }
  return summaries;
}

const DASH = "–";

function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : DASH;
}

/** Microseconds the way PEERS.md prints them: 0.42, 28.5, 1,011. */
function micros(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  if (n < 1) return n.toFixed(2);
  if (n < 100) return n.toFixed(1);
  return int(n);
}

/** Two significant digits below 1 (0.035), two decimals up to 10, whole above. */
function ratio(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  if (n >= 10) return n.toFixed(0);
  if (n >= 1) return n.toFixed(2);
  return n.toPrecision(2);
}

function percent(n: number): string {
  return Number.isFinite(n) ? `${Math.round(n * 100)}%` : DASH;
}

function mib(n: number): string {
  return Number.isFinite(n) ? n.toFixed(0) : DASH;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function find(summaries: readonly Summary[], point: Point, impl: string): Summary | undefined {
  return summaries.find((s) => s.point.id === point.id && s.impl === impl);
}

/** Throughput of `s` over that of `impl` at the same point (NaN if missing). */
function versus(summaries: readonly Summary[], s: Summary, impl: string): number {
  return s.throughput / (find(summaries, s.point, impl)?.throughput ?? Number.NaN);
}

/** The overview (throughput and ratio to limit) and the detail table, in markdown. */
export function renderTables(summaries: readonly Summary[], points: readonly Point[], impls: readonly string[]): string {
  const lines: string[] = [];
  const shown = points.filter((p) => summaries.some((s) => s.point.id === p.id));
  lines.push(row(["implementation", ...shown.map((p) => p.label)]));
  lines.push(row(["---", ...shown.map(() => "---:")]));
  for (const impl of impls) {
    const cells = shown.map((point) => {
      const s = find(summaries, point, impl);
      if (s === undefined || s.ok === 0) return DASH;
      return impl === "limit" ? int(s.throughput) : `${int(s.throughput)} (${ratio(versus(summaries, s, "limit"))})`;
    });
    if (cells.some((c) => c !== DASH)) lines.push(row([impl, ...cells]));
  }
  lines.push("");
  const head = [
    "point", "implementation", "calls/s (msgs/s)", "spread", "p50 µs", "p99 µs", "vs limit", "vs grpc-js",
    "server CPU µs/call", "client CPU µs/call", "server core", "client core", "server RSS MiB", "client RSS MiB",
  ];
  lines.push(row(head));
  lines.push(row(["---", "---", ...head.slice(2).map(() => "---:")]));
  for (const s of summaries) {
    lines.push(
      row([
        s.point.label,
        s.ok < s.runs ? `${s.impl} (${s.ok}/${s.runs} ok)` : s.impl,
        int(s.throughput),
        Number.isFinite(s.spread) ? percent(s.spread) : DASH,
        micros(s.p50Us),
        micros(s.p99Us),
        ratio(versus(summaries, s, "limit")),
        ratio(versus(summaries, s, "grpc-js")),
        micros(s.serverCpuUs),
        micros(s.clientCpuUs),
        percent(s.serverCore),
        percent(s.clientCore),
        mib(s.serverRssMiB),
        mib(s.clientRssMiB),
      ]),
    );
  }
  const remarks = summaries.flatMap((s) => s.remarks.map((r) => `- ${s.point.label}, ${s.impl}: ${r}`));
  if (remarks.length > 0) lines.push("", "Remarks:", ...remarks);
  return lines.join("\n");
}
