/**
 * One measured run: a fresh server process and a fresh client process for
 * one implementation at one point, the server's CPU sampled from /proc when
 * the client opens and closes its window (the client reports its own),
 * both processes stopped before returning (whatever happened).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Point } from "./points.js";
import { Child } from "./process-runner.js";
import { cpuTimeUs, peakRssMiB } from "./proc-stats.js";
import type { ClientConfig, ServerConfig } from "./protocol.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** How to run one point. */
export interface RunSpec {
  readonly impl: string;
  readonly point: Point;
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly drainMs: number;
  readonly maxCalls: number;
  readonly fixturesDir: string | undefined;
  /** Pin server to CPU 0 and client to CPU 1. */
  readonly pin: boolean;
  /** Write V8 CPU profiles of both processes here. */
  readonly cpuProfDir: string | undefined;
  /** Node/V8 flags for both processes. */
  readonly nodeFlags: readonly string[];
}

/** What one run measures; NaN where it could not be measured. */
export interface Figures {
  /** Calls (Echo) or messages (Download) per second over the window. */
  readonly throughput: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** CPU per call (per message for Download) of each process, µs. */
  readonly serverCpuUs: number;
  readonly clientCpuUs: number;
  /** CPU time / window time: 1 = one core saturated. */
  readonly serverCore: number;
  readonly clientCore: number;
  readonly serverRssMiB: number;
  readonly clientRssMiB: number;
}

/** One run: its figures, or why it failed. */
export interface RunResult extends Figures {
  readonly impl: string;
  readonly pointId: string;
  readonly error: string | undefined;
  /** Something to know about a run that still counts (calls abandoned after the drain). */
  readonly note: string | undefined;
}

interface Sample {
  readonly at: number;
  readonly cpuUs: number;
}

function sample(server: Child): Sample {
  return { at: performance.now(), cpuUs: cpuTimeUs(server.pid) ?? Number.NaN };
}

function nodeArgs(spec: RunSpec, role: string): string[] {
  if (spec.cpuProfDir === undefined) return [...spec.nodeFlags];
  return [...spec.nodeFlags, "--cpu-prof", `--cpu-prof-dir=${spec.cpuProfDir}`, `--cpu-prof-name=${spec.impl}-${spec.point.id}-${role}.cpuprofile`];
}

function failed(spec: RunSpec, error: string): RunResult {
  const nan = Number.NaN;
  const figures: Figures = {
    throughput: nan, p50Us: nan, p99Us: nan, serverCpuUs: nan, clientCpuUs: nan,
    serverCore: nan, clientCore: nan, serverRssMiB: nan, clientRssMiB: nan,
  };
  return { impl: spec.impl, pointId: spec.point.id, error, note: undefined, ...figures };
}

/** Runs `spec` once; never throws, a failure comes back in `error`. */
export async function runOnce(spec: RunSpec): Promise<RunResult> {
  const children: Child[] = [];
  try {
    const serverConfig: ServerConfig = { impl: spec.impl, fixturesDir: spec.fixturesDir };
    const server = new Child(`${spec.impl} server`, join(HERE, "server-main.js"), serverConfig, spec.pin ? 0 : undefined, nodeArgs(spec, "server"));
    children.push(server);
    const listening = await server.waitFor(["listening"], 20_000);
    const clientConfig: ClientConfig = {
      impl: spec.impl,
      fixturesDir: spec.fixturesDir,
      port: listening.port,
      workload: spec.point.workload,
      concurrency: spec.point.concurrency,
      warmupMs: spec.warmupMs,
      windowMs: spec.windowMs,
      drainMs: spec.drainMs,
      maxCalls: spec.maxCalls,
    };
    const client = new Child(`${spec.impl} client`, join(HERE, "client-main.js"), clientConfig, spec.pin ? 1 : undefined, nodeArgs(spec, "client"));
    children.push(client);
    // Generous slack: start-up and a busy machine delay the marks, not the counts.
    const slackMs = 30_000;
    const opened = await client.waitFor(["window-start", "result"], spec.warmupMs + slackMs);
    const start = sample(server);
    const closed = opened.event === "result" ? opened : await client.waitFor(["window-end"], spec.windowMs + slackMs);
    const end = sample(server);
    const last = closed.event === "result" ? closed : await client.waitFor(["result"], spec.drainMs + slackMs);
    const serverRss = peakRssMiB(server.pid) ?? Number.NaN;
    // The client exits by itself after its result; let it, so that its CPU profile gets written.
    await client.exited(3000);
    const { result, cpuUs: clientCpuUs } = last;
    if (result.error !== undefined) return failed(spec, result.error);
    if (result.messages === 0) return failed(spec, "no call completed inside the window");
    const elapsedUs = (end.at - start.at) * 1000;
    return {
      impl: spec.impl,
      pointId: spec.point.id,
      error: undefined,
      note: result.abandoned > 0 ? `${result.abandoned} calls still in flight after the drain` : undefined,
      throughput: (result.messages * 1000) / result.windowMs,
      p50Us: result.p50Us,
      p99Us: result.p99Us,
      serverCpuUs: (end.cpuUs - start.cpuUs) / result.messages,
      clientCpuUs: clientCpuUs / result.messages,
      serverCore: (end.cpuUs - start.cpuUs) / elapsedUs,
      clientCore: clientCpuUs / (result.windowMs * 1000),
      serverRssMiB: serverRss,
      clientRssMiB: last.peakRssMiB,
    };
  } catch (error) {
    return failed(spec, error instanceof Error ? error.message : String(error));
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}
