import type { Clock, TimerHandle } from "../deadline/clock.js";

/** Keepalive settings (gRFC A8 semantics). */
export interface KeepaliveOptions {
  /** Ping after this many ms without reading anything. */
  readonly timeMs: number;
  /** Declare the peer dead when nothing arrives this long after a ping (default 20,000). */
  readonly timeoutMs?: number;
  /** Also ping when no call is open (default false). */
  readonly withoutCalls?: boolean;
}

/** What a `Keepalive` needs from its connection. */
export interface KeepaliveHost {
  sendPing(): void;
  /** Whether calls are open (pings without calls are off by default). */
  hasCalls(): boolean;
  /** Nothing arrived for `silentMs` despite a ping: the peer is gone. */
  onKeepaliveTimeout(silentMs: number): void;
}

/**
 * Detects a dead peer on an otherwise silent connection (RELIABILITY G1-G4).
 * Time is measured from the last byte *read*, never from the last ping sent
 * (gRFC A8); any byte after a ping counts as life, not only the PONG. One
 * timer per connection, re-armed lazily: reads only store a timestamp.
 */
export class Keepalive {
  private lastReadAt: number;
  private pingSentAt = -1;
  private timer: TimerHandle | undefined = undefined;
  private readonly timeMs: number;
  private readonly timeoutMs: number;
  private readonly withoutCalls: boolean;
  private readonly tick = (): void => this.onTimer();

  constructor(private readonly clock: Clock, options: KeepaliveOptions, private readonly host: KeepaliveHost) {
    this.timeMs = options.timeMs;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.withoutCalls = options.withoutCalls ?? false;
    this.lastReadAt = clock.now();
  }

  start(): void {
    this.lastReadAt = this.clock.now();
    this.arm(this.timeMs);
  }

  /** Bytes arrived (called per socket chunk). */
  onRead(): void {
    this.lastReadAt = this.clock.now();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimer(this.tick, Math.max(1, Math.ceil(ms)));
  }

  private onTimer(): void {
    this.timer = undefined;
    const now = this.clock.now();
    if (this.pingSentAt >= 0) {
      if (this.lastReadAt <= this.pingSentAt) {
        this.host.onKeepaliveTimeout(now - this.lastReadAt);
        return;
      }
      this.pingSentAt = -1;
    }
    const idle = now - this.lastReadAt;
    if (idle < this.timeMs) {
      this.arm(this.timeMs - idle);
      return;
    }
    if (!this.withoutCalls && !this.host.hasCalls()) {
      this.arm(this.timeMs);
      return;
    }
    this.pingSentAt = now;
    this.host.sendPing();
    this.arm(this.timeoutMs);
  }
}
