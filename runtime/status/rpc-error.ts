import type { Metadata } from "../metadata/metadata.js";
import { Status, statusName } from "./status.js";

/** Optional parts of an `RpcError`. */
export interface RpcErrorOptions {
  /** Trailers that came with the error status. */
  readonly metadata?: Metadata;
  /** What caused it locally (never sent over the wire). */
  readonly cause?: unknown;
  /** The method path ("/pkg.Service/Method") the error belongs to, when known. */
  readonly method?: string;
  /** The remote address ("127.0.0.1:50051"), when known. */
  readonly peer?: string;
}

const NO_METADATA: Metadata = Object.freeze({});

/**
 * The one error type of the runtime: every failed call rejects with an
 * `RpcError` carrying a `Status` code, never a string or a plain `Error`.
 *
 * `message` is the status message exactly as the server (or the local
 * runtime) produced it, so an `RpcError` thrown by a handler arrives with
 * the same code and message. `method` and `peer` say where it happened.
 */
export class RpcError extends Error {
  override readonly name = "RpcError";
  readonly code: Status;
  readonly metadata: Metadata;
  readonly method: string | undefined;
  readonly peer: string | undefined;

  constructor(code: Status, message: string, options?: RpcErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.metadata = options?.metadata ?? NO_METADATA;
    this.method = options?.method;
    this.peer = options?.peer;
  }

  /** The status name, e.g. "DEADLINE_EXCEEDED". */
  get codeName(): string {
    return statusName(this.code);
  }

  override toString(): string {
    return `RpcError [${statusName(this.code)}]: ${this.message}`;
  }

  /**
   * `reason` as an `RpcError`: returned as is when it already is one, else
   * wrapped with `fallback` (default `UNKNOWN`) and the original kept as
   * `cause`. An `AbortSignal` reason of type "AbortError"/"TimeoutError"
   * maps to CANCELLED/DEADLINE_EXCEEDED.
   */
  static from(reason: unknown, fallback: Status = Status.UNKNOWN): RpcError {
    if (reason instanceof RpcError) return reason;
    if (reason instanceof Error) {
      if (reason.name === "AbortError") return new RpcError(Status.CANCELLED, reason.message, { cause: reason });
      if (reason.name === "TimeoutError") return new RpcError(Status.DEADLINE_EXCEEDED, reason.message, { cause: reason });
      return new RpcError(fallback, reason.message, { cause: reason });
    }
    return new RpcError(fallback, String(reason), { cause: reason });
  }
}
