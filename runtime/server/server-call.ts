import type { CallContext } from "../context/call-context.js";
import { type CallScope, SCOPE, type ScopedContext, type ScopeListener } from "../context/call-scope.js";
import type { DeadlineEntry } from "../deadline/deadline-queue.js";
import { REQUEST_ID_KEY } from "../framing/constants.js";
import type { MessageType, PartialMessage } from "../message-type.js";
import { type Metadata, type MetadataValue, validateMetadata } from "../metadata/metadata.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import type { InboundOwner, InboundQueue } from "../transport/inbound-queue.js";
import type { ServerEnv } from "./server-env.js";
import type { Route } from "./service-impl.js";

/** @internal The connection side a call writes through. */
export interface CallSink {
  readonly peer: string;
  readonly env: ServerEnv;
  /** The client's receive limit. */
  readonly peerMaxMessageSize: number;
  readonly peerInitialWindow: number;
  readonly needsDrain: boolean;
  writeHeaders(call: ServerCall, headers: Metadata): void;
  /** MESSAGE with `message` encoded into the frame, as `writeEndEncoding`. */
  writeMessageEncoding(call: ServerCall, type: MessageType<object>, message: PartialMessage<object>): number;
  /** END without a message (an error status, or the end of a response stream). */
  writeEnd(call: ServerCall, code: number, detail: string, trailers: Metadata | undefined): void;
  /**
   * END OK with `message` encoded into the frame; returns its length. Over
   * the client's limit nothing is written. Throws `RpcError` INTERNAL when
   * it cannot be encoded.
   */
  writeEndEncoding(call: ServerCall, trailers: Metadata | undefined, type: MessageType<object>, message: PartialMessage<object>): number;
  grantWindow(call: ServerCall, bytes: number): void;
  /** The call is over (ended or cancelled): forget its id. */
  release(call: ServerCall): void;
}

/**
 * @internal One call on the server, and the `CallContext` its handler gets
 * (one object for both, so a unary call allocates little). It is also the
 * call's deadline entry and the `CallScope` that client calls made inside
 * the handler inherit.
 *
 * `ended` means nothing more goes to the client: after END, a cancel from
 * the client, the deadline, or the connection's loss. Anything the handler
 * returns or writes afterwards is dropped without error (RELIABILITY C6, D3).
 */
export class ServerCall implements CallContext, CallScope, ScopedContext, DeadlineEntry, InboundOwner {
  deadlineAt = Infinity;
  deadlineIndex = -1;
  ended = false;
  /** Credit for response messages (server streams). */
  sendWindow: number;
  /** Request stream of client-streaming and bidi calls. */
  requests: InboundQueue<object> | undefined = undefined;
  /** Single request that arrived in its own MESSAGE frame. */
  pendingRequest: Uint8Array | undefined = undefined;
  requestCount = 0;
  private reason: RpcError | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  private listeners: ScopeListener[] | undefined = undefined;
  private generatedId: string | undefined = undefined;
  private headers: Record<string, MetadataValue> | undefined = undefined;
  private headersSent = false;
  private trailers: Record<string, MetadataValue> | undefined = undefined;
  private writableWaiter: (() => void) | undefined = undefined;
  private ungranted = 0;

  constructor(
    readonly sink: CallSink,
    readonly id: number,
    readonly route: Route,
    readonly metadata: Metadata,
    readonly startedAt: number,
  ) {
    this.sendWindow = sink.peerInitialWindow;
  }

  get [SCOPE](): CallScope {
    return this;
  }

  // ---- CallContext

  get method(): string {
    return this.route.method.path;
  }

  get peer(): string {
    return this.sink.peer;
  }

  get deadline(): number | undefined {
    if (this.deadlineAt === Infinity) return undefined;
    const clock = this.sink.env.clock;
    return Math.round(clock.wallNow() + (this.deadlineAt - clock.now()));
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.reason !== undefined) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  get cancelled(): boolean {
    return this.reason !== undefined;
  }

  get requestId(): string {
    const sent = this.metadata[REQUEST_ID_KEY];
    if (typeof sent === "string") return sent;
    return (this.generatedId ??= this.sink.env.newRequestId());
  }

  timeRemaining(): number {
    if (this.deadlineAt === Infinity) return Infinity;
    return Math.max(0, this.deadlineAt - this.sink.env.clock.now());
  }

  setHeader(key: string, value: MetadataValue): void {
    if (this.headersSent) throw new RpcError(Status.FAILED_PRECONDITION, `response headers of ${this.method} were already sent`);
    this.headers = withEntry(this.headers, key, value);
  }

  setTrailer(key: string, value: MetadataValue): void {
    this.trailers = withEntry(this.trailers, key, value);
  }

  // ---- CallScope

  get scopeDeadline(): number {
    return this.deadlineAt;
  }

  get scopeCancelReason(): RpcError | undefined {
    return this.reason;
  }

  addScopeListener(listener: ScopeListener): void {
    (this.listeners ??= []).push(listener);
  }

  removeScopeListener(listener: ScopeListener): void {
    const list = this.listeners;
    if (list === undefined) return;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
  }

  // ---- responses

  /**
   * Sends the single response of a unary or client-streaming call with
   * status OK, encoded straight into the END frame (see `writeResponse`).
   */
  respond(message: PartialMessage<object>): void {
    if (this.ended || this.writeResponse(message, true) < 0) return;
    this.ended = true;
    this.release();
  }

  /** Sends one message of a response stream (the caller waited for credit), encoded straight into its frame. */
  sendMessage(message: PartialMessage<object>): void {
    if (this.ended) return;
    const n = this.writeResponse(message, false);
    if (n >= 0) this.sendWindow -= n;
  }

  /**
   * Writes `message` into an END OK frame (`end`) or a MESSAGE frame and
   * returns its size. A message over the client's limit ends the call
   * RESOURCE_EXHAUSTED instead, one that cannot be encoded INTERNAL; then
   * -1.
   */
  private writeResponse(message: PartialMessage<object>, end: boolean): number {
    this.flushHeaders();
    const type = this.route.method.responseType;
    let n: number;
    try {
      n = end ? this.sink.writeEndEncoding(this, this.trailers, type, message) : this.sink.writeMessageEncoding(this, type, message);
    } catch (err) {
      this.endWithError(err);
      return -1;
    }
    if (n > this.sink.peerMaxMessageSize) {
      this.endWithStatus(Status.RESOURCE_EXHAUSTED, `response of ${n} bytes exceeds the client's limit of ${this.sink.peerMaxMessageSize}`);
      return -1;
    }
    return n;
  }

  /** Ends the call with `code` (OK ends a response stream). */
  endWithStatus(code: number, detail: string, metadata?: Metadata): void {
    if (this.ended) return;
    this.flushHeaders();
    this.ended = true;
    const trailers = metadata === undefined ? this.trailers : { ...this.trailers, ...metadata };
    this.sink.writeEnd(this, code, detail, trailers);
    this.release();
  }

  /** Ends the call for a handler failure: RpcError as is, anything else INTERNAL without the stack. */
  endWithError(error: unknown): void {
    if (this.ended) return;
    if (error instanceof RpcError) {
      this.endWithStatus(error.code, error.message, error.metadata);
      return;
    }
    const env = this.sink.env;
    env.onHandlerError?.(error, this);
    const text = error instanceof Error ? error.message : String(error);
    this.endWithStatus(Status.INTERNAL, env.exposeErrorMessages ? `handler for ${this.method} failed: ${text}` : `handler for ${this.method} failed`);
  }

  // ---- flow control

  /** Whether a response pump must wait (no credit, or the socket is full). */
  get blocked(): boolean {
    return this.sendWindow <= 0 || this.sink.needsDrain;
  }

  waitWritable(): Promise<void> {
    return new Promise((resolve) => {
      this.writableWaiter = resolve;
    });
  }

  wakeWriter(): void {
    const waiter = this.writableWaiter;
    if (waiter !== undefined) {
      this.writableWaiter = undefined;
      waiter();
    }
  }

  onWindow(bytes: number): void {
    this.sendWindow += bytes;
    this.wakeWriter();
  }

  /** Request stream bytes were consumed by the handler: return credit. */
  onConsumed(bytes: number): void {
    if (this.ended) return;
    this.ungranted += bytes;
    if (this.ungranted >= this.sink.env.settings.initialWindow / 2) {
      this.sink.grantWindow(this, this.ungranted);
      this.ungranted = 0;
    }
  }

  /** InboundOwner: the handler stopped reading requests; nothing to do. */
  onStop(): void {}

  /** InboundOwner: a request did not decode (RELIABILITY A6). */
  onDecodeError(err: RpcError): void {
    this.endWithStatus(err.code, err.message);
    this.cancel(err);
  }

  // ---- cancellation

  /**
   * The call is over without a normal end: client CANCEL, deadline,
   * connection loss, shutdown. Fires `signal` and inheriting client calls.
   */
  cancel(reason: RpcError): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.ended = true;
    this.release();
    this.controller?.abort(reason);
    const listeners = this.listeners;
    if (listeners !== undefined) {
      this.listeners = undefined;
      for (const l of listeners) l.onScopeCancel(reason);
    }
    this.requests?.end(reason);
    this.wakeWriter();
  }

  /** DeadlineEntry: tell the client DEADLINE_EXCEEDED, then cancel the handler. */
  onDeadline(): void {
    const spent = this.sink.env.clock.now() - this.startedAt;
    const detail = `deadline exceeded after ${spent.toFixed(1)} ms in the server (${this.method})`;
    this.endWithStatus(Status.DEADLINE_EXCEEDED, detail);
    this.cancel(new RpcError(Status.DEADLINE_EXCEEDED, detail, { method: this.method, peer: this.peer }));
  }

  private flushHeaders(): void {
    if (this.headersSent) return;
    this.headersSent = true;
    if (this.headers !== undefined) this.sink.writeHeaders(this, this.headers);
  }

  private release(): void {
    if (this.deadlineIndex >= 0) this.sink.env.deadlines.remove(this);
    this.sink.release(this);
  }
}

function withEntry(md: Record<string, MetadataValue> | undefined, key: string, value: MetadataValue): Record<string, MetadataValue> {
  const entry = { [key]: value };
  const bad = validateMetadata(entry);
  if (bad !== undefined) throw bad;
  return { ...md, ...entry };
}
