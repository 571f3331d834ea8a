import type { RpcError } from "../status/rpc-error.js";
import type { ClientCall } from "./client-call.js";

/**
 * Where a channel sends its calls: picks (or opens) a connection and starts
 * each call on it, queueing calls that must wait. `SingleAddressTransport`
 * serves one address; the pool/balancer issue adds a transport over many
 * connections behind this same interface, so channels and stubs do not
 * change.
 */
export interface Transport {
  /**
   * Starts `call` now or once a connection can take it. Never throws: a
   * call that cannot be started is settled (UNAVAILABLE, ...). A unary or
   * server-streaming request may still be a message (`call.message`): a
   * connection that starts the call at once encodes it into its frame, and
   * a call that waits must be frozen first (`call.freezeRequest()`), since
   * the caller may change the object once the stub method returns.
   */
  start(call: ClientCall): void;
  /** Starts no new calls, lets running ones finish, then closes connections. */
  close(): Promise<void>;
  /** Fails everything with `reason` and closes now. */
  destroy(reason: RpcError): void;
  /** Counters for leak checks and tests. */
  stats(): TransportStats;
}

/** Counters of a transport. */
export interface TransportStats {
  /** Calls on connections, not yet ended. */
  readonly inFlight: number;
  /** Calls waiting for a connection. */
  readonly queued: number;
  /** Frames dropped because their call had already ended (late responses). */
  readonly droppedFrames: number;
  /** Connectivity: "idle", "connecting", "ready", "transient-failure" or "closed". */
  readonly state: string;
}
