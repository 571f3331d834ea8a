/**
 * Closed-loop load: C calls in flight, each completion starts the next.
 * Warm-up, then a measured window; only completions inside the window count.
 * Bounded in time (warm-up + window + drain) and in calls (`maxCalls`).
 */
import type { BenchClient } from "./adapter.js";
import { LatencyHistogram } from "./histogram.js";

/** How to drive one run. */
export interface LoadOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  /** After the window, how long to wait for calls still in flight. */
  readonly drainMs: number;
  /** Hard cap on calls started, whatever the clock says. */
  readonly maxCalls: number;
  /** Called when the window opens and closes (the parent samples CPU then). */
  readonly onWindowStart: () => void;
  readonly onWindowEnd: () => void;
}

/** What one run measured inside its window. */
export interface LoadResult {
  /** Completed calls inside the window. */
  readonly calls: number;
  /** Messages delivered by those calls (= calls for Echo). */
  readonly messages: number;
  readonly windowMs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** First error seen; the run stops issuing at the first error. */
  readonly error: string | undefined;
  /** Calls still in flight when the drain time ran out. */
  readonly abandoned: number;
}

type Phase = "warmup" | "window" | "drain" | "done";

/** Runs the closed loop on `client` and resolves with the window's figures. */
export function runClosedLoop(client: BenchClient, options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve) => {
    const histogram = new LatencyHistogram();
    let phase: Phase = "warmup";
    let inFlight = 0;
    let started = 0;
    let calls = 0;
    let messages = 0;
    let windowStart = 0;
    let windowEnd = 0;
    let error: string | undefined;
    const timers: NodeJS.Timeout[] = [];

    const finish = (): void => {
      if (phase === "done") return;
      phase = "done";
      for (const timer of timers) clearTimeout(timer);
      resolve({
        calls,
        messages,
        windowMs: windowEnd - windowStart,
        p50Us: histogram.percentile(0.5),
        p99Us: histogram.percentile(0.99),
        error,
        abandoned: inFlight,
      });
    };

    const closeWindow = (): void => {
      if (phase === "done" || phase === "drain") return;
      // A run stopped by an error before the window opened has no window.
      windowEnd = phase === "window" ? performance.now() : windowStart;
      phase = "drain";
      options.onWindowEnd();
      if (inFlight === 0) finish();
      else timers.push(setTimeout(finish, options.drainMs));
    };

    const issue = (): void => {
      if (started >= options.maxCalls) {
        closeWindow();
        return;
      }
      started++;
      inFlight++;
      const t0 = performance.now();
      client.call((callError, delivered) => {
        const t1 = performance.now();
        inFlight--;
        if (callError !== undefined) {
          error ??= callError.message;
          closeWindow();
        } else if (phase === "window") {
          calls++;
          messages += delivered;
          histogram.record((t1 - t0) * 1000);
        }
        if (phase === "warmup" || phase === "window") issue();
        else if (phase === "drain" && inFlight === 0) finish();
      });
    };

    timers.push(
      setTimeout(() => {
        if (phase !== "warmup") return;
        phase = "window";
        windowStart = performance.now();
        options.onWindowStart();
      }, options.warmupMs),
      setTimeout(closeWindow, options.warmupMs + options.windowMs),
    );
    for (let i = 0; i < options.concurrency; i++) issue();
  });
}
