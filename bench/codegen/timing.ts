/**
 * Wall-clock timing of whole commands, the way a user experiences a
 * generator: process start-up included.
 */
import { spawnSync } from "node:child_process";

/** One command line. */
export interface CommandLine {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** A finished timed run. */
export type TimedRun = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly error: string };

/** Runs `line` to completion and returns its wall time, or why it failed. */
export function timeCommand(line: CommandLine): TimedRun {
  const start = process.hrtime.bigint();
  const result = spawnSync(line.command, [...line.args], {
    cwd: line.cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) return { ok: false, error: result.error.message };
  if (result.status !== 0) {
    const head = `${result.stderr}${result.stdout}`.trim().split("\n").slice(0, 2).join(" ");
    return { ok: false, error: `exit ${result.status ?? result.signal}: ${head}` };
  }
  return { ok: true, ms };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/** Milliseconds for a table: "1,343 ms", or "4.2 ms" below ten. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}
