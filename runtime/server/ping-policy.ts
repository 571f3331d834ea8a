import type { Clock } from "../deadline/clock.js";

/** Strikes allowed before a client is cut off (gRFC A8: more than 2 = abusive). */
const MAX_PING_STRIKES = 2;

/**
 * @internal Server enforcement of client PINGs (gRFC A8, RELIABILITY G6):
 * a PING sooner than `minIntervalMs` after the previous one is a strike;
 * more than two strikes and the connection is closed with GOAWAY
 * "too_many_pings". Call activity resets the strikes, so a client pinging
 * while it works is never punished.
 */
export class PingPolicy {
  private lastPingAt = -Infinity;
  private strikes = 0;

  constructor(private readonly clock: Clock, private readonly minIntervalMs: number) {}

  /** A PING arrived: false when the client has now pinged too often. */
  allow(): boolean {
    const now = this.clock.now();
    const early = now - this.lastPingAt < this.minIntervalMs;
    this.lastPingAt = now;
    return !(early && ++this.strikes > MAX_PING_STRIKES);
  }

  /** The client started a call. */
  onActivity(): void {
    this.strikes = 0;
  }
}
