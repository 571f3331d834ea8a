/**
 * Wall-clock timing of whole commands, the way a user experiences a
 * generator: process start-up included.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** One command line. */
export interface CommandLine {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/**
 * A finished timed run: wall time, and CPU time (user + system) of the
 * command and every process it waited for (protoc's plugins included), which
 * a busy shared machine disturbs far less than wall time.
 */
export type TimedRun =
  | { readonly ok: true; readonly ms: number; readonly cpuMs: number | undefined }
  | { readonly ok: false; readonly error: string };

/** Runs `line` to completion and returns its wall time, or why it failed. */
export function timeCommand(line: CommandLine): TimedRun {
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(line.command, [...line.args], {
    cwd: line.cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childrenCpuMs();
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  if (result.error) return { ok: false, error: result.error.message };
  if (result.status !== 0) {
    const head = `${result.stderr}${result.stdout}`.trim().split("\n").slice(0, 2).join(" ");
    return { ok: false, error: `exit ${result.status ?? result.signal}: ${head}` };
  }
  return { ok: true, ms, cpuMs };
}

/**
 * CPU time of this process's waited-for children so far (cutime + cstime of
 * /proc/self/stat, in 10 ms clock ticks on Linux); undefined elsewhere.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds for a table: "1,343 ms", or "4.2 ms" below ten. */
export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}
