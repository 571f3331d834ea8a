/**
 * What the parent and its server/client child processes say to each other:
 * the config goes in as one JSON argument, events come back as JSON lines on
 * stdout (pipes are synchronous on Linux, so a line is out when `emit` returns).
 */
import type { LoadResult } from "./load-generator.js";
import type { Workload } from "./points.js";

/** argv[2] of a server child. */
export interface ServerConfig {
  readonly impl: string;
  readonly fixturesDir: string | undefined;
}

/** argv[2] of a client child. */
export interface ClientConfig {
  readonly impl: string;
  readonly fixturesDir: string | undefined;
  readonly port: number;
  readonly workload: Workload;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly drainMs: number;
  readonly maxCalls: number;
}

/** A line from a child. */
export type ChildEvent =
  | { readonly event: "listening"; readonly port: number }
  | { readonly event: "window-start" }
  | { readonly event: "window-end" }
  | {
      readonly event: "result";
      readonly result: LoadResult;
      /** The client's own CPU time over its window, µs (getrusage: every thread, like /proc). */
      readonly cpuUs: number;
      /** The client's peak RSS (getrusage maxrss, = VmHWM), MiB. */
      readonly peakRssMiB: number;
    }
  | { readonly event: "failed"; readonly message: string };

/** Writes one event line to the parent. */
export function emit(event: ChildEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** Parses argv[2]; the parent wrote it, so a shape check is enough. */
export function readConfig<T extends object>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error("missing config argument");
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== "object" || parsed === null) throw new Error("config is not an object");
  return parsed as T;
}

/** Reports a failure to the parent and exits non-zero. */
export function failAndExit(error: unknown): never {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  emit({ event: "failed", message });
  process.exit(1);
}
