import type { CallContext } from "../context/call-context.js";
import type { Metadata } from "../metadata/metadata.js";

/**
 * Per-call options, the last argument of every generated client method.
 *
 * Deadline: the earliest of `timeoutMs` (from now), `deadline`, and the
 * parent's deadline wins (gRPC: a child call gets min(own, incoming)).
 */
export interface CallOptions {
  /** Fail with DEADLINE_EXCEEDED after this many ms. */
  readonly timeoutMs?: number;
  /** Absolute deadline: a `Date` or epoch ms. */
  readonly deadline?: Date | number;
  /** Aborting it cancels the call (CANCELLED, the server's `ctx.signal` fires). */
  readonly signal?: AbortSignal;
  /** Request metadata: strings, or `Uint8Array` for keys ending in `-bin`. */
  readonly metadata?: Metadata;
  /**
   * The handler context this call is made on behalf of: the call inherits
   * its remaining deadline, its cancellation and its request id. Defaults to
   * the context of the handler whose async flow is running (AsyncLocalStorage);
   * `null` opts out and makes an independent call.
   */
  readonly parent?: CallContext | null;
  /** Request id to send (`x-request-id`); defaults to the parent's. */
  readonly requestId?: string;
  /** Called with the response headers when they arrive. */
  readonly onHeaders?: (headers: Metadata) => void;
  /** Called with the trailers when the call ends (also on failure). */
  readonly onTrailers?: (trailers: Metadata) => void;
}
