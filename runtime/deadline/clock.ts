/** An opaque timer handle from `Clock.setTimer`. */
export type TimerHandle = unknown;

/**
 * Time as the runtime sees it. Injected everywhere a deadline, keepalive or
 * backoff is computed, so tests can drive time by hand.
 *
 * Deadlines are kept on the monotonic `now()` (RELIABILITY C12: moving the
 * wall clock neither fires nor extends them); `wallNow()` is only used to
 * convert to and from the epoch-ms values of the public API.
 */
export interface Clock {
  /** Monotonic milliseconds (fractional), arbitrary origin. */
  now(): number;
  /** Wall-clock epoch milliseconds. */
  wallNow(): number;
  /** Calls `fn` once after `ms` (0 <= ms <= MAX_TIMER_MS). */
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/**
 * Node clamps `setTimeout` delays above 2^31-1 ms to 1 ms (RELIABILITY C11),
 * so longer waits are armed in steps of at most this.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** The real clock: `performance.now()`, `Date.now()`, `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
