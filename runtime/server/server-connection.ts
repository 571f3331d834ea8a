import type { TimerHandle } from "../deadline/clock.js";
import { readU32 } from "../framing/bytes.js";
import {
  CALL_FRAME_SLACK,
  FLAG_END_STREAM,
  FRAME_CALL,
  FRAME_CANCEL,
  FRAME_GOAWAY,
  FRAME_HALF_CLOSE,
  FRAME_HELLO,
  FRAME_MESSAGE,
  FRAME_PING,
  FRAME_PONG,
  FRAME_WINDOW,
  MAX_CONNECTION_FRAME,
} from "../framing/constants.js";
import { FrameDecoder, type FrameSink } from "../framing/frame-decoder.js";
import {
  writeEndFrame,
  writeGoawayFrame,
  writeHeadersFrame,
  writeHelloFrame,
  writeMessageFrame,
  writePingFrame,
  writeU32Frame,
} from "../framing/frame-encoders.js";
import { CallHead, parseCallHead, parseHello } from "../framing/frame-parsers.js";
import { FrameWriter } from "../framing/frame-writer.js";
import { metadataSize, readMetadata } from "../framing/metadata-block.js";
import { DEFAULT_SETTINGS, type Settings } from "../framing/settings.js";
import { EMPTY_METADATA, type Metadata } from "../metadata/metadata.js";
import { IdTable } from "../pending/id-table.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { InboundQueue } from "../transport/inbound-queue.js";
import { Keepalive, type KeepaliveOptions } from "../transport/keepalive.js";
import type { Link, LinkHandler } from "../transport/link.js";
import { dispatchRequestStream, dispatchSingleRequest } from "./dispatch.js";
import { PingPolicy } from "./ping-policy.js";
import { type CallSink, ServerCall } from "./server-call.js";
import type { ServerEnv } from "./server-env.js";
import type { Route } from "./service-impl.js";

/** @internal Server connection states. */
export type ServerConnectionState = "handshake" | "open" | "draining" | "closed";

/** @internal Server-side knobs of a connection. */
export interface ServerConnectionOptions {
  readonly handshakeTimeoutMs: number;
  readonly keepalive: KeepaliveOptions | undefined;
  /** Called once when the connection is gone. */
  readonly onClosed: (conn: ServerConnection) => void;
}

const PING_BYTES = new Uint8Array(8);
const wakeWriter = (call: ServerCall): void => call.wakeWriter();

/**
 * @internal The server end of one connection (docs/protocol.md): HELLO,
 * CALL dispatch through path refs, per-call limits, cancel, flow control,
 * ping enforcement, GOAWAY. A malformed frame closes only this connection,
 * with a GOAWAY saying why (RELIABILITY I1, I4).
 */
export class ServerConnection implements FrameSink, LinkHandler, CallSink {
  state: ServerConnectionState = "handshake";
  readonly peer: string;
  private readonly decoder: FrameDecoder;
  private readonly writer: FrameWriter;
  /** Running calls by id (an `IdTable`, not a `Map`: see id-table.ts for the GC cost of the latter). */
  private readonly calls = new IdTable<ServerCall>();
  private lastCallId = 0;
  private goawayLastId = 0;
  private readonly paths: (Route | string | undefined)[] = [];
  private readonly head = new CallHead();
  private peerSettings: Settings = DEFAULT_SETTINGS;
  private handshakeTimer: TimerHandle | undefined;
  private keepalive: Keepalive | undefined = undefined;
  private readonly pings: PingPolicy;
  /** Frames for unknown call ids or of unknown types (A10). */
  dropped = 0;

  constructor(private readonly link: Link, readonly env: ServerEnv, private readonly options: ServerConnectionOptions) {
    this.peer = link.peer;
    const s = env.settings;
    this.decoder = new FrameDecoder(this, { maxCallFrame: s.maxMessageSize + s.maxMetadataSize + CALL_FRAME_SLACK, maxConnectionFrame: MAX_CONNECTION_FRAME });
    this.writer = new FrameWriter(link);
    this.pings = new PingPolicy(env.clock, s.pingMinIntervalMs);
    this.handshakeTimer = env.clock.setTimer(() => {
      this.handshakeTimer = undefined;
      this.fail(Status.UNAVAILABLE, `no HELLO within ${options.handshakeTimeoutMs} ms`);
    }, options.handshakeTimeoutMs);
    link.start(this);
  }

  /** Calls running on this connection. */
  get activeCalls(): number {
    return this.calls.size;
  }

  get peerMaxMessageSize(): number {
    return this.peerSettings.maxMessageSize;
  }

  get peerInitialWindow(): number {
    return this.peerSettings.initialWindow;
  }

  get needsDrain(): boolean {
    return this.writer.needsDrain;
  }

  /**
   * Graceful shutdown, step 1: GOAWAY with the last call id seen; calls above
   * it are ignored (the client retries them elsewhere), the others finish,
   * then the connection closes (RELIABILITY F6).
   */
  goAway(reason: string): void {
    if (this.state === "closed" || this.state === "draining") return;
    if (this.state === "handshake") {
      this.destroy();
      return;
    }
    this.state = "draining";
    this.goawayLastId = this.lastCallId;
    writeGoawayFrame(this.writer, this.goawayLastId, Status.OK, reason);
    if (this.calls.size === 0) this.endLink();
  }

  /** Ends every running call with `code` (grace period over), then closes. */
  abortCalls(code: Status, detail: string): void {
    for (const call of this.calls.values()) {
      call.endWithStatus(code, detail);
      call.cancel(new RpcError(code, detail, { method: call.method, peer: this.peer }));
    }
    this.endLink();
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.shutdown(new RpcError(Status.CANCELLED, `connection from ${this.peer} closed by the server`));
    this.link.destroy();
  }

  // ---- CallSink

  writeHeaders(call: ServerCall, headers: Metadata): void {
    writeHeadersFrame(this.writer, call.id, headers, metadataSize(headers));
  }

  writeMessage(call: ServerCall, message: Uint8Array): void {
    writeMessageFrame(this.writer, call.id, 0, message);
  }

  writeEnd(call: ServerCall, code: number, detail: string, trailers: Metadata | undefined, message: Uint8Array | undefined): void {
    const us = (this.env.turnClock.now() - call.startedAt) * 1000;
    writeEndFrame(this.writer, call.id, code, us, detail, trailers, trailers === undefined ? 0 : metadataSize(trailers), message);
  }

  grantWindow(call: ServerCall, bytes: number): void {
    writeU32Frame(this.writer, FRAME_WINDOW, call.id, bytes);
  }

  release(call: ServerCall): void {
    if (this.calls.get(call.id) !== call) return;
    this.calls.delete(call.id);
    if (this.state === "draining" && this.calls.size === 0) this.endLink();
  }

  // ---- LinkHandler

  onData(chunk: Buffer): void {
    this.keepalive?.onRead();
    this.decoder.push(chunk);
  }

  onDrain(): void {
    this.writer.needsDrain = false;
    this.calls.forEach(wakeWriter);
  }

  onClose(error: Error | undefined): void {
    const why = error === undefined ? "" : `: ${error.message}`;
    this.shutdown(new RpcError(Status.CANCELLED, `connection from ${this.peer} lost${why}`));
  }

  // ---- FrameSink

  onFrame(type: number, flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    if (this.state === "handshake") return this.onHello(type, callId, buf, start, end);
    switch (type) {
      case FRAME_CALL:
        return this.onCall(flags, callId, buf, start, end);
      case FRAME_MESSAGE:
        return this.onMessage(flags, callId, buf, start, end);
      case FRAME_HALF_CLOSE:
        return this.onHalfClose(callId);
      case FRAME_CANCEL: {
        const call = this.calls.get(callId);
        if (call === undefined) return void this.dropped++;
        const code = end - start === 4 ? readU32(buf, start) : Status.CANCELLED;
        const status = code === Status.DEADLINE_EXCEEDED ? Status.DEADLINE_EXCEEDED : Status.CANCELLED;
        call.cancel(new RpcError(status, status === Status.CANCELLED ? "cancelled by the client" : "client deadline exceeded", { method: call.method, peer: this.peer }));
        return;
      }
      case FRAME_WINDOW: {
        const call = this.calls.get(callId);
        if (call === undefined || end - start !== 4) return void this.dropped++;
        call.onWindow(readU32(buf, start));
        return;
      }
      case FRAME_PING:
        return this.onPing(callId, buf, start, end);
      case FRAME_PONG:
      case FRAME_GOAWAY:
        return;
      case FRAME_HELLO:
        return this.fail(Status.INTERNAL, "second HELLO");
      default:
        this.dropped++;
    }
  }

  onOversizeFrame(type: number, _flags: number, callId: number, length: number): void {
    if (this.state === "handshake") return this.fail(Status.INTERNAL, `expected HELLO as the first frame, got type ${type} claiming ${length} bytes`);
    const detail = `frame of ${length} bytes exceeds the server's limit (max message ${this.env.settings.maxMessageSize} bytes)`;
    const call = this.calls.get(callId);
    if (call !== undefined) {
      call.endWithStatus(Status.RESOURCE_EXHAUSTED, `request ${detail}`);
      call.cancel(new RpcError(Status.RESOURCE_EXHAUSTED, detail));
    } else if (type === FRAME_CALL && callId > this.lastCallId) {
      this.lastCallId = callId;
      writeEndFrame(this.writer, callId, Status.RESOURCE_EXHAUSTED, 0, `call ${detail}`, undefined, 0, undefined);
    } else {
      this.dropped++;
    }
  }

  onFrameError(reason: string): void {
    this.fail(Status.INTERNAL, reason);
  }

  // ---- frames

  private onHello(type: number, callId: number, buf: Buffer, start: number, end: number): void {
    const settings = type === FRAME_HELLO && callId === 0 ? parseHello(buf, start, end) : `expected HELLO as the first frame, got type ${type}`;
    if (typeof settings === "string") return this.fail(Status.INTERNAL, settings);
    if (this.handshakeTimer !== undefined) this.env.clock.clearTimer(this.handshakeTimer);
    this.handshakeTimer = undefined;
    this.peerSettings = settings;
    this.state = "open";
    writeHelloFrame(this.writer, this.env.settings);
    if (this.options.keepalive !== undefined) {
      this.keepalive = new Keepalive(this.env.clock, { ...this.options.keepalive, withoutCalls: true }, this);
      this.keepalive.start();
    }
  }

  private onCall(flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    if (callId <= this.lastCallId) return this.fail(Status.INTERNAL, `call id ${callId} is not above the previous one (${this.lastCallId})`);
    this.lastCallId = callId;
    // Calls after our GOAWAY are not processed; the client retries them (docs/protocol.md section 8).
    if (this.state === "draining" && callId > this.goawayLastId) return;
    const h = this.head;
    const bad = parseCallHead(buf, start, end, flags, h);
    if (bad !== undefined) return this.fail(Status.INTERNAL, bad);
    let route: Route | string | undefined;
    if (h.pathStart >= 0) {
      const path = buf.toString("utf8", h.pathStart, h.pathEnd);
      route = this.env.router.get(path) ?? path;
      if (h.pathRef !== 0) this.paths[h.pathRef] = route;
    } else {
      route = this.paths[h.pathRef];
      if (route === undefined) return this.fail(Status.INTERNAL, `unknown path ref ${h.pathRef}`);
    }
    this.pings.onActivity();
    if (typeof route === "string") return this.refuse(callId, Status.UNIMPLEMENTED, `method ${route} is not implemented by the server`);
    const s = this.env.settings;
    if (this.calls.size >= s.maxConcurrentCalls) return this.refuse(callId, Status.RESOURCE_EXHAUSTED, `too many concurrent calls on this connection (limit ${s.maxConcurrentCalls})`);
    if (h.mdEnd - h.mdStart > s.maxMetadataSize) return this.refuse(callId, Status.RESOURCE_EXHAUSTED, `request metadata of ${h.mdEnd - h.mdStart} bytes exceeds the server's limit of ${s.maxMetadataSize}`);
    if (h.msgEnd - h.msgStart > s.maxMessageSize) return this.refuse(callId, Status.RESOURCE_EXHAUSTED, `request of ${h.msgEnd - h.msgStart} bytes exceeds the server's limit of ${s.maxMessageSize}`);
    const md = h.mdStart < 0 ? EMPTY_METADATA : readMetadata(buf, h.mdStart, h.mdEnd);
    if (typeof md === "string") return this.fail(Status.INTERNAL, md);
    // The precise clock only for deadlines (they must not fire early).
    const now = h.timeoutMs >= 0 ? this.env.clock.now() : this.env.turnClock.now();
    const call = new ServerCall(this, callId, route, md, now);
    this.calls.set(callId, call);
    if (h.timeoutMs >= 0) {
      call.deadlineAt = now + h.timeoutMs;
      if (h.timeoutMs === 0) return call.onDeadline();
      this.env.deadlines.add(call);
    }
    const message = h.msgStart < 0 ? undefined : buf.subarray(h.msgStart, h.msgEnd);
    const endStream = (flags & FLAG_END_STREAM) !== 0;
    if (route.method.requestStream) {
      call.requests = new InboundQueue(route.method.requestType, "request", call);
      if (message !== undefined) call.requests.push(message);
      if (endStream) call.requests.end();
      dispatchRequestStream(call);
    } else if (message !== undefined && endStream) {
      // The unary fast path: CALL carried the request and the half-close.
      dispatchSingleRequest(call, message);
    } else {
      if (message !== undefined) this.collectSingle(call, message);
      if (endStream) this.onHalfClose(callId);
    }
  }

  private onMessage(flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    const call = this.calls.get(callId);
    if (call === undefined) return void this.dropped++;
    const message = buf.subarray(start, end);
    const requests = call.requests;
    if (requests !== undefined) {
      if (requests.buffered + message.length > this.env.settings.initialWindow + this.env.settings.maxMessageSize) {
        call.endWithStatus(Status.RESOURCE_EXHAUSTED, "client overran the flow-control window");
        call.cancel(new RpcError(Status.RESOURCE_EXHAUSTED, "client overran the flow-control window"));
        return;
      }
      requests.push(message);
    } else {
      this.collectSingle(call, message);
    }
    if ((flags & FLAG_END_STREAM) !== 0) this.onHalfClose(callId);
  }

  private collectSingle(call: ServerCall, message: Uint8Array): void {
    call.requestCount++;
    // Cardinality: a second request on a single-request call (RELIABILITY A7).
    if (call.requestCount > 1) return this.refuseCall(call, Status.UNIMPLEMENTED, `${call.method} takes one request message, got more`);
    call.pendingRequest = message;
  }

  private onHalfClose(callId: number): void {
    const call = this.calls.get(callId);
    if (call === undefined) return void this.dropped++;
    if (call.requests !== undefined) return call.requests.end();
    const message = call.pendingRequest;
    if (message === undefined) return this.refuseCall(call, Status.UNIMPLEMENTED, `${call.method} takes one request message, got none`);
    call.pendingRequest = undefined;
    dispatchSingleRequest(call, message);
  }

  private onPing(callId: number, buf: Buffer, start: number, end: number): void {
    if (callId !== 0 || end - start !== 8) return this.fail(Status.INTERNAL, "malformed PING");
    if (!this.pings.allow()) return this.fail(Status.RESOURCE_EXHAUSTED, "too_many_pings");
    writePingFrame(this.writer, FRAME_PONG, buf.subarray(start, end));
  }

  /** Ends a call that never reached a handler. */
  private refuse(callId: number, code: Status, detail: string): void {
    writeEndFrame(this.writer, callId, code, 0, detail, undefined, 0, undefined);
  }

  private refuseCall(call: ServerCall, code: Status, detail: string): void {
    call.endWithStatus(code, detail);
    call.cancel(new RpcError(code, detail, { method: call.method, peer: this.peer }));
  }

  // ---- lifecycle

  /** A protocol error or a limit on the whole connection: GOAWAY with the reason, then close. */
  private fail(code: Status, reason: string): void {
    if (this.state === "closed") return;
    this.decoder.stop();
    writeGoawayFrame(this.writer, this.lastCallId, code, reason);
    this.writer.flush();
    this.shutdown(new RpcError(Status.CANCELLED, `connection from ${this.peer} closed: ${reason}`));
    this.link.end();
  }

  private endLink(): void {
    if (this.state === "closed") return;
    this.writer.flush();
    this.shutdown(new RpcError(Status.CANCELLED, `connection from ${this.peer} closed by the server`));
    this.link.end();
  }

  private shutdown(reason: RpcError): void {
    if (this.state === "closed") return;
    this.state = "closed";
    if (this.handshakeTimer !== undefined) this.env.clock.clearTimer(this.handshakeTimer);
    this.handshakeTimer = undefined;
    this.keepalive?.stop();
    this.decoder.stop();
    this.writer.close();
    const calls = this.calls.values();
    this.calls.clear();
    for (const call of calls) call.cancel(new RpcError(reason.code, reason.message, { method: call.method, peer: this.peer }));
    this.options.onClosed(this);
  }

  // ---- KeepaliveHost

  sendPing(): void {
    writePingFrame(this.writer, FRAME_PING, PING_BYTES);
  }

  hasCalls(): boolean {
    return this.calls.size > 0;
  }

  onKeepaliveTimeout(silentMs: number): void {
    this.shutdown(new RpcError(Status.CANCELLED, `keepalive: client ${this.peer} silent for ${Math.round(silentMs)} ms`));
    this.link.destroy();
  }
}

