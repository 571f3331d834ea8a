import type { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { callError } from "../client/call-errors.js";
import type { ClientCall } from "../client/client-call.js";
import type { Transport, TransportStats } from "../client/transport.js";

/**
 * Faults an in-process channel injects so users can test their retry and
 * timeout handling. Mutable: change them between calls.
 */
export interface InProcessFaults {
  /** Delay added to every delivery, each way, ms. */
  latencyMs: number;
  /** Fraction (0-1) of calls that fail with UNAVAILABLE before reaching the server. */
  failRate: number;
  /**
   * Fraction (0-1) of calls whose request is lost on the way: they never
   * reach the server and end at their deadline or when cancelled (a call
   * with neither waits forever, as with a real lost request).
   */
  dropRate: number;
  /** Randomness for the rates (default Math.random). */
  random: () => number;
}

/** @internal A `Transport` that fails or drops calls by rate, then delegates. */
export class FaultTransport implements Transport {
  /** Calls swallowed by `dropRate` (they never reached the server). */
  dropped = 0;

  constructor(private readonly inner: Transport, private readonly faults: InProcessFaults) {}

  start(call: ClientCall): void {
    const { failRate, dropRate } = this.faults;
    if (failRate > 0 || dropRate > 0) {
      const r = this.faults.random();
      if (r < failRate) {
        call.abort(callError(call, Status.UNAVAILABLE, "injected failure (in-process failRate)"), 0);
        return;
      }
      if (r < failRate + dropRate) {
        this.dropped++;
        return;
      }
    }
    this.inner.start(call);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  destroy(reason: RpcError): void {
    this.inner.destroy(reason);
  }

  stats(): TransportStats {
    return this.inner.stats();
  }
}
