/**
 * The timing loop of one worker: warm-up, then alternating encode and decode
 * samples of fixed duration, each reported as operations per second.
 * Operations run in chunks sized during warm-up so that reading the clock
 * costs nothing measurable.
 *
 * The clock is the process's CPU time (user + system, all threads, so GC
 * helper threads count) by default: on a shared machine a pinned process
 * also waits while neighbours run on its core, which wall time would count
 * as codec time. `wall` measures elapsed time instead.
 */
import { median } from "../lib/stats.js";

export type Clock = "cpu" | "wall";

export interface MeasureOptions {
  readonly clock: Clock;
  readonly warmupMs: number;
  readonly sampleMs: number;
  readonly samples: number;
}

export interface Measured {
  /** Median ops/s of the samples. */
  readonly encode: number;
  readonly decode: number;
  readonly encodeSamples: readonly number[];
  readonly decodeSamples: readonly number[];
}

const wallNow = (): number => performance.now();
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let now = wallNow;

/** Runs `op` in chunks of `chunk` until `ms` have passed; returns ops/s. */
function sample(op: () => void, chunk: number, ms: number): number {
  let n = 0;
  const t0 = now();
  let t = t0;
  do {
    for (let i = 0; i < chunk; i++) op();
    n += chunk;
    t = now();
  } while (t - t0 < ms);
  return (n * 1000) / (t - t0);
}

/** A chunk size that takes about 2 ms, from a rough first timing. */
function chunkFor(op: () => void): number {
  let chunk = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < chunk; i++) op();
    const ms = now() - t0;
    if (ms >= 2 || chunk >= 1 << 20) return Math.max(1, Math.round((chunk * 2) / Math.max(ms, 0.001)));
    chunk *= 2;
  }
}

/** Warm-up (encode and decode alternating), then `samples` alternating timed samples. */
export function measure(encode: () => void, decode: () => void, options: MeasureOptions): Measured {
  now = options.clock === "cpu" ? cpuNow : wallNow;
  const encodeChunk = chunkFor(encode);
  const decodeChunk = chunkFor(decode);
  const warmEnd = now() + options.warmupMs;
  while (now() < warmEnd) {
    sample(encode, encodeChunk, 50);
    sample(decode, decodeChunk, 50);
  }
  const encodeSamples: number[] = [];
  const decodeSamples: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    encodeSamples.push(sample(encode, encodeChunk, options.sampleMs));
    decodeSamples.push(sample(decode, decodeChunk, options.sampleMs));
  }
  return { encode: median(encodeSamples), decode: median(decodeSamples), encodeSamples, decodeSamples };
}
