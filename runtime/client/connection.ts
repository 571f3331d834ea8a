import type { PartialMessage } from "../message-type.js";
import type { RpcError } from "../status/rpc-error.js";
import type { ClientCall } from "./client-call.js";

/**
 * Connection states (gRPC connectivity semantics, plus "draining": a GOAWAY
 * was received or sent, running calls finish but no new ones start).
 */
export type ConnectionState = "idle" | "connecting" | "ready" | "draining" | "transient-failure" | "closed";

/**
 * One connection to one server, carrying many calls. Implemented by
 * `MuxConnection` for the native protocol; the gRPC mode will add an HTTP/2
 * one, and a pool will hold several. Calls only talk to their connection
 * through this interface.
 */
export interface Connection {
  readonly state: ConnectionState;
  /** "host:port" of the server. */
  readonly peer: string;
  /** Calls started on this connection and not yet ended. */
  readonly inFlight: number;
  /** True while the socket's buffer is full; writers wait for `onWritable`. */
  readonly needsDrain: boolean;
  /**
   * Starts `call` now and returns true, or returns false when the connection
   * cannot take it at the moment (not ready, at the peer's concurrency limit,
   * draining): the caller queues it. A call rejected for good (e.g. over the
   * peer's message limit) is settled here and true is returned.
   */
  start(call: ClientCall): boolean;
  /**
   * Sends a request message of a streaming call (the caller checked its
   * window), encoding it as this connection's protocol does, and takes its
   * size from the call's window. A message over the peer's limit, or one
   * that cannot be encoded, fails the call instead.
   */
  sendMessage(call: ClientCall, message: PartialMessage<object>): void;
  /** The client will send no more messages on `call`. */
  sendHalfClose(call: ClientCall): void;
  /** Returns `bytes` of receive credit to the server for `call`. */
  grantWindow(call: ClientCall, bytes: number): void;
  /** Removes `call` (settled by its caller) and tells the server with CANCEL `code`. */
  abandon(call: ClientCall, code: number): void;
  /** Starts no new calls; closes once the running ones have ended. */
  close(): void;
  /** Closes now; running calls fail with `reason`. */
  destroy(reason: RpcError): void;
}

/** What a connection reports to whoever owns it (a transport or a pool). */
export interface ConnectionOwner {
  /** HELLO exchanged: calls may start. */
  onReady(conn: Connection): void;
  /** A call ended: room for a queued one. */
  onCapacity(conn: Connection): void;
  /**
   * The server sent GOAWAY; `unprocessed` are calls it never saw, already
   * removed from the connection: retry or fail them.
   */
  onGoaway(conn: Connection, unprocessed: ClientCall[], reason: RpcError): void;
  /** The connection is gone (after failing its own calls with `reason`). */
  onClosed(conn: Connection, reason: RpcError | undefined): void;
}
