import type { Clock, TimerHandle } from "./clock.js";

interface ManualTimer {
  at: number;
  fn: () => void;
  seq: number;
}

/**
 * A `Clock` that only moves when told to (`advance`), for tests of
 * deadlines, keepalive and backoff without sleeping.
 */
export class ManualClock implements Clock {
  private t = 0;
  private wall: number;
  private seq = 0;
  private readonly timers = new Set<ManualTimer>();

  constructor(wallStart = 1_700_000_000_000) {
    this.wall = wallStart;
  }

  now(): number {
    return this.t;
  }

  wallNow(): number {
    return this.wall + this.t;
  }

  /** Moves the wall clock only (monotonic time is unaffected). */
  shiftWall(ms: number): void {
    this.wall += ms;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer: ManualTimer = { at: this.t + ms, fn, seq: this.seq++ };
    this.timers.add(timer);
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle as ManualTimer);
  }

  /** Number of armed timers. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: ManualTimer | undefined;
      for (const timer of this.timers) {
        if (timer.at <= end && (next === undefined || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))) next = timer;
      }
      if (next === undefined) break;
      this.timers.delete(next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }
}
