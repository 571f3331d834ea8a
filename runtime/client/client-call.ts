import type { CallScope, ScopeListener } from "../context/call-scope.js";
import type { DeadlineEntry } from "../deadline/deadline-queue.js";
import { serialize } from "../framing/serialize.js";
import type { PartialMessage } from "../message-type.js";
import type { Metadata } from "../metadata/metadata.js";
import type { PendingEntry } from "../pending/pending-map.js";
import type { MethodDefinition } from "../service-definition.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import type { CallEnv } from "./call-env.js";
import { type CallTiming, callError, connectionError, deadlineError } from "./call-errors.js";
import type { Connection } from "./connection.js";
import { pumpRequests, type RequestSource } from "./request-pump.js";


/**
 * @internal One client call, from the moment a stub method is invoked until
 * it settles. It is its own pending-map entry, deadline-queue entry, abort
 * listener (`handleEvent`) and parent-scope listener, so a unary call costs
 * one object and its promise: no closures, timers or AbortControllers.
 *
 * Settlement happens once: every path (END, deadline, abort, parent cancel,
 * connection loss) checks `done`, and the connection-facing paths first
 * remove the call from its pending map.
 */
export abstract class ClientCall implements DeadlineEntry, ScopeListener, PendingEntry, CallTiming {
  /** Call id on `conn`; 0 before the call is started. */
  id = 0;
  conn: Connection | undefined = undefined;
  deadlineAt = Infinity;
  deadlineIndex = -1;
  /** When the call was made (turn clock; refreshed precisely when it gets a deadline). */
  startedAt: number;
  sentAt = 0;
  serverTimeUs = -1;
  done = false;
  /** Metadata to send (user metadata plus the request id), validated. */
  metadata: Metadata | undefined = undefined;
  /** The single request, encoded (unary and server-streaming calls). */
  request: Uint8Array | undefined = undefined;
  /**
   * The single request as the caller gave it, while it is still to be
   * encoded: a call that starts at once has it encoded straight into its
   * CALL frame. Whatever makes a call wait first encodes it
   * (`freezeRequest`), since the caller may reuse the object meanwhile.
   */
  message: PartialMessage<object> | undefined = undefined;
  /** Where the request encoded in place went: `sentIn[sentStart, sentEnd)` (a slab nothing writes again). */
  sentIn: Uint8Array | undefined = undefined;
  sentStart = 0;
  sentEnd = 0;
  /** False once part of a request stream was sent: no transparent retry. */
  replayable = true;
  /** Set when the call was already retried once after a GOAWAY. */
  retried = false;
  /** Send credit granted by the server (streaming requests). */
  sendWindow = 0;
  signal: AbortSignal | undefined = undefined;
  scope: CallScope | undefined = undefined;
  onHeadersCallback: ((headers: Metadata) => void) | undefined = undefined;
  onTrailersCallback: ((trailers: Metadata) => void) | undefined = undefined;
  /** Resumes a request pump waiting for credit or drain. */
  private writableWaiter: (() => void) | undefined = undefined;

  constructor(readonly env: CallEnv, readonly method: MethodDefinition) {
    this.startedAt = env.turnClock.now();
  }

  /** Method path, for messages (CallTiming). */
  get path(): string {
    return this.method.path;
  }

  /** Where the call goes, for messages (CallTiming). */
  get peer(): string {
    return this.conn?.peer ?? this.env.target;
  }

  /**
   * Encodes the request if it still is a message, before the call waits
   * or goes to a transport that sends bytes. False when it cannot be
   * encoded: the call has failed (INTERNAL).
   */
  freezeRequest(): boolean {
    const message = this.message;
    if (message === undefined) return true;
    this.message = undefined;
    try {
      this.request = serialize(this.method.requestType, message);
      return true;
    } catch (err) {
      this.abort(err as RpcError, 0);
      return false;
    }
  }

  /**
   * The call left its connection unprocessed and may be sent again: it
   * keeps the bytes its CALL frame carried (the caller's object may have
   * changed since).
   */
  keepSentRequest(): void {
    const sent = this.sentIn;
    if (sent === undefined) return;
    this.request = sent.subarray(this.sentStart, this.sentEnd);
    this.message = undefined;
    this.sentIn = undefined;
  }

  /** Response headers arrived. */
  onHeaders(headers: Metadata): void {
    this.onHeadersCallback?.(headers);
  }

  /**
   * A response message arrived: `buf[start, end)`, valid only during the
   * call (the link may reuse the buffer), so a call that keeps it copies it.
   */
  abstract onMessage(buf: Uint8Array, start: number, end: number): void;

  /**
   * The server ended the call. The connection already removed it from its
   * pending map. A last response message carried by END is
   * `buf[msgStart, msgEnd)` (the socket chunk); `msgStart` is -1 without one.
   */
  abstract onEnd(code: number, detail: string, trailers: Metadata, buf: Uint8Array, msgStart: number, msgEnd: number): void;

  /** Delivers a failure to whoever waits on the call (promise or iterator). */
  protected abstract settleError(err: RpcError): void;

  /** The request stream of a client-streaming or bidi call, until it starts. */
  requestSource: RequestSource<object> | undefined = undefined;

  /**
   * The call is on a connection now: a request stream starts pumping. Such
   * a call is never replayed after a GOAWAY (its source is being consumed).
   */
  onStarted(): void {
    const source = this.requestSource;
    if (source === undefined) return;
    this.requestSource = undefined;
    this.replayable = false;
    void pumpRequests(this, source);
  }

  /** Server granted `bytes` more send credit. */
  onWindow(bytes: number): void {
    this.sendWindow += bytes;
    this.wakeWriter();
  }

  /**
   * Settles the call with `err` after its connection removed it. A
   * connection-level error (no `method`: lost, GOAWAY, keepalive) is wrapped
   * with this call's method and where its time went.
   */
  fail(err: RpcError): void {
    if (this.done) return;
    this.finish();
    this.settleError(err.method === undefined ? connectionError(this, err, this.env.clock.now()) : err);
  }

  /** DeadlineEntry: the deadline passed. */
  onDeadline(): void {
    const now = this.env.clock.now();
    this.abort(deadlineError(this, this.deadlineAt - this.startedAt, now), Status.DEADLINE_EXCEEDED);
  }

  /** The caller's AbortSignal fired (EventListener object form: no closure per call). */
  handleEvent(): void {
    const reason: unknown = this.signal?.reason;
    const cause = reason instanceof RpcError ? reason : undefined;
    this.abort(cause ?? callError(this, Status.CANCELLED, "cancelled by the caller's signal", reason), Status.CANCELLED);
  }

  /** ScopeListener: the parent call was cancelled or hit its deadline. */
  onScopeCancel(reason: RpcError): void {
    const code = reason.code === Status.DEADLINE_EXCEEDED ? Status.DEADLINE_EXCEEDED : Status.CANCELLED;
    this.abort(callError(this, code, `parent call ended: ${reason.message}`, reason), code);
  }

  /**
   * Ends the call locally with `err`: removes it from its connection (which
   * sends CANCEL `wireCode`), then settles it. No-op once settled.
   */
  abort(err: RpcError, wireCode: number): void {
    if (this.done) return;
    const conn = this.conn;
    this.finish();
    if (conn !== undefined) conn.abandon(this, wireCode);
    this.settleError(err);
  }

  /** Marks the call done and detaches it from timers and listeners. */
  protected finish(): void {
    this.done = true;
    if (this.deadlineIndex >= 0) this.env.deadlines.remove(this);
    if (this.signal !== undefined) this.signal.removeEventListener("abort", this);
    if (this.scope !== undefined) this.scope.removeScopeListener(this);
    this.wakeWriter();
  }

  /** Resolves when the call may send again (credit, drain) or is done. */
  waitWritable(): Promise<void> {
    return new Promise((resolve) => {
      this.writableWaiter = resolve;
    });
  }

  /** Whether a request pump must wait before sending the next message. */
  get blocked(): boolean {
    return this.sendWindow <= 0 || (this.conn?.needsDrain ?? false);
  }

  /** Wakes a waiting request pump. */
  wakeWriter(): void {
    const waiter = this.writableWaiter;
    if (waiter !== undefined) {
      this.writableWaiter = undefined;
      waiter();
    }
  }
}
