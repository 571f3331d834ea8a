import type { Metadata, MetadataValue } from "../metadata/metadata.js";

/**
 * What a server handler learns about its call, and how it shapes the
 * response's headers and trailers. Passed as the second argument to every
 * handler; also the `parent` of calls the handler makes.
 */
export interface CallContext {
  /** Method path, e.g. "/helloworld.Greeter/SayHello". */
  readonly method: string;
  /**
   * The call's deadline as epoch ms, or undefined when the client set none.
   * Computed from the time remaining that travelled with the call.
   */
  readonly deadline: number | undefined;
  /**
   * Aborts when the client cancels, the deadline passes, the connection is
   * lost or the server shuts down; `signal.reason` is an `RpcError`. It does
   * not fire when the call completes normally, so work a handler leaves
   * running in the background keeps going (until its own deadline).
   * Created on first access (handlers that never look pay nothing).
   */
  readonly signal: AbortSignal;
  /** Whether the call has been cancelled (by any of the causes above). */
  readonly cancelled: boolean;
  /** Request metadata sent by the client. */
  readonly metadata: Metadata;
  /** Remote address, "host:port" (or "in-process"). */
  readonly peer: string;
  /**
   * The id shared by a chain of calls: the client's `x-request-id`, else
   * one generated on first access. Calls made inside the handler send it on.
   */
  readonly requestId: string;
  /** Ms left before the deadline (`Infinity` without one, never negative). */
  timeRemaining(): number;
  /**
   * Sets a response header. Headers go out before the first response message
   * (or with the status); later calls throw `FAILED_PRECONDITION`.
   */
  setHeader(key: string, value: MetadataValue): void;
  /** Sets a trailer, sent with the status. */
  setTrailer(key: string, value: MetadataValue): void;
}
