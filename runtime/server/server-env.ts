import type { CallContext } from "../context/call-context.js";
import type { Clock } from "../deadline/clock.js";
import type { DeadlineQueue } from "../deadline/deadline-queue.js";
import type { TurnClock } from "../deadline/turn-clock.js";
import type { Settings } from "../framing/settings.js";
import type { Router } from "./router.js";

/** @internal What every connection and call of one server shares. */
export interface ServerEnv {
  readonly clock: Clock;
  /** The clock cached per run of synchronous code, for non-deadline timestamps. */
  readonly turnClock: TurnClock;
  readonly deadlines: DeadlineQueue;
  readonly settings: Settings;
  readonly router: Router;
  /** Run handlers inside the AsyncLocalStorage context. */
  readonly propagateContext: boolean;
  /** Send a plain Error's message to the client (never its stack). */
  readonly exposeErrorMessages: boolean;
  /** Told about every handler failure that is not an `RpcError`. */
  readonly onHandlerError: ((error: unknown, context: CallContext) => void) | undefined;
  /** A fresh request id. */
  newRequestId(): string;
}
