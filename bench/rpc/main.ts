/**
 * `npm run bench:rpc`: Echo and Download over loopback for every selected
 * implementation, each run in a fresh server and a fresh client process on
 * separate cores, repetitions interleaved; prints markdown tables.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseOptions, USAGE, type BenchOptions } from "./options.js";
import { canPin, killAllChildren } from "./process-runner.js";
import { loadImplementation } from "./registry.js";
import { renderTables, summarize } from "./report.js";
import { runOnce, type RunResult } from "./run-point.js";

/** Implementations whose adapter loads here; the others are reported and skipped. */
async function availableImpls(names: readonly string[]): Promise<string[]> {
  const available: string[] = [];
  for (const name of names) {
    try {
      await loadImplementation(name);
      available.push(name);
    } catch (error) {
      process.stderr.write(`skipping ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return available;
}

function header(options: BenchOptions, impls: readonly string[], pinned: boolean): string {
  const [load1 = 0] = loadavg();
  return [
    `RPC benchmark, ${new Date().toISOString()}: Node ${process.version}, ${cpus().length} CPUs, load average ${load1.toFixed(2)} at start.`,
    pinned
      ? "Server pinned to CPU 0 and client to CPU 1 (taskset); fresh processes per run; one connection over 127.0.0.1."
      : "NOT pinned (taskset unavailable or --no-pin): server and client may share a core; fresh processes per run; one connection over 127.0.0.1.",
    options.nodeFlags.length === 0
      ? "Node's default flags in every process."
      : `Node flags in every process of every implementation: ${options.nodeFlags.join(" ")}.`,
    `Closed loop, ${options.warmupMs / 1000} s warm-up + ${options.windowMs / 1000} s window per run, ${options.reps} repetition(s) interleaved, medians shown; implementations: ${impls.join(", ")}.`,
    "Throughput: Echo calls/s, Download messages/s (one 1,000-message stream at a time); CPU per call is per message for Download.",
    "The machine is shared: treat differences under ~20% between single runs as noise (PEERS.md: median spread 10%, up to 44%).",
  ].join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const impls = await availableImpls(options.impls);
  if (impls.length === 0) throw new Error("no implementation available");
  const pinned = options.pin && canPin();
  if (options.pin && !pinned) process.stderr.write("taskset does not work here: running unpinned\n");

  const results: RunResult[] = [];
  const total = options.reps * options.points.length * impls.length;
  // Repetitions outermost: a slow spell of the machine hits every line, not one.
  for (let rep = 1; rep <= options.reps; rep++) {
    for (const point of options.points) {
      for (const impl of impls) {
        const result = await runOnce({
          impl,
          point,
          warmupMs: options.warmupMs,
          windowMs: options.windowMs,
          drainMs: options.drainMs,
          maxCalls: options.maxCalls,
          fixturesDir: options.fixturesDir,
          pin: pinned,
          cpuProfDir: options.cpuProfDir,
          nodeFlags: options.nodeFlags,
        });
        results.push(result);
        const status = result.error ?? `${Math.round(result.throughput).toLocaleString("en-US")}/s p99 ${Math.round(result.p99Us)} µs`;
        process.stderr.write(`[${results.length}/${total}] rep ${rep} ${point.id} ${impl}: ${status}\n`);
      }
    }
  }

  if (options.json !== undefined) writeFileSync(options.json, `${JSON.stringify({ options, pinned, results }, null, 1)}\n`);
  const summaries = summarize(results, options.points, impls);
  process.stdout.write(`${header(options, impls, pinned)}\n\n${renderTables(summaries, options.points, impls)}\n`);
  if (results.every((r) => r.error !== undefined)) process.exitCode = 1;
}

// Children must not outlive the bench, whichever way it ends.
process.on("exit", killAllChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
