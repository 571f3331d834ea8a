/** Reconnect backoff parameters (gRPC connection-backoff spec). */
export interface BackoffOptions {
  /** First delay, ms (default 1,000). */
  readonly initialMs?: number;
  /** Growth per failed attempt (default 1.6). */
  readonly multiplier?: number;
  /** Random spread, a fraction of the delay either way (default 0.2). */
  readonly jitter?: number;
  /** Largest delay, ms (default 120,000). */
  readonly maxMs?: number;
}

/**
 * Exponential backoff between connection attempts: delay k is
 * min(initial x multiplier^k, max) x U(1 - jitter, 1 + jitter)
 * (RELIABILITY E7); `reset` after a successful handshake.
 */
export class Backoff {
  private readonly initialMs: number;
  private readonly multiplier: number;
  private readonly jitter: number;
  private readonly maxMs: number;
  private current: number;

  constructor(options: BackoffOptions = {}, private readonly random: () => number = Math.random) {
    this.initialMs = options.initialMs ?? 1000;
    this.multiplier = options.multiplier ?? 1.6;
    this.jitter = options.jitter ?? 0.2;
    this.maxMs = options.maxMs ?? 120_000;
    this.current = this.initialMs;
  }

  /** The next delay, ms; each call grows the following one. */
  next(): number {
    const base = this.current;
    this.current = Math.min(this.current * this.multiplier, this.maxMs);
    return base * (1 - this.jitter + 2 * this.jitter * this.random());
  }

  reset(): void {
    this.current = this.initialMs;
  }
}
