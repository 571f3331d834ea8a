import type { Clock } from "../deadline/clock.js";
import type { DeadlineQueue } from "../deadline/deadline-queue.js";
import type { TurnClock } from "../deadline/turn-clock.js";
import type { Settings } from "../framing/settings.js";

/** @internal What every call of one channel shares. */
export interface CallEnv {
  readonly clock: Clock;
  /** The clock cached per run of synchronous code, for non-deadline timestamps. */
  readonly turnClock: TurnClock;
  /** One timer for all deadlines of the channel. */
  readonly deadlines: DeadlineQueue;
  /** The address calls go to, for messages before a connection exists. */
  readonly target: string;
  /** The limits this client announces (receive side). */
  readonly settings: Settings;
}
