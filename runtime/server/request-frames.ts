import { copyOut } from "../codec/slab-pool.js";
import { readU32 } from "../framing/bytes.js";
import {
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
} from "../framing/constants.js";
import type { FrameSink } from "../framing/frame-decoder.js";
import { writeEndFrame, writePingFrame } from "../framing/frame-encoders.js";
import { CallHead, parseCallHead, parseHello } from "../framing/frame-parsers.js";
import type { FrameWriter } from "../framing/frame-writer.js";
import { readMetadata } from "../framing/metadata-block.js";
import { EMPTY_METADATA } from "../metadata/metadata.js";
import type { IdTable } from "../pending/id-table.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { InboundQueue } from "../transport/inbound-queue.js";
import { dispatchRequestStream, dispatchSingleRequest } from "./dispatch.js";
import { PingPolicy } from "./ping-policy.js";
import { ServerCall } from "./server-call.js";
import type { ServerConnection } from "./server-connection.js";
import type { ServerEnv } from "./server-env.js";
import type { Route } from "./service-impl.js";

/**
 * @internal What the frames from a client do (docs/protocol.md): the
 * decoder's sink for one `ServerConnection`. CALL is admitted here (id
 * order, path refs, the server's limits, deadline) and dispatched; request
 * messages, half-close, cancel and window credit go to their running call;
 * PINGs are policed (gRFC A8). A call refused before it reaches a handler
 * gets END at once; a malformed frame fails the whole connection through
 * `ServerConnection.fail`, which owns the state.
 *
 * A separate object so the per-frame code reads on its own. It holds the
 * connection's call table and writer itself, so the per-frame path reaches
 * them as directly as the connection did.
 */
export class RequestFrames implements FrameSink {
  /** The highest call id seen: ids must go up, and GOAWAY names it. */
  lastCallId = 0;
  /** Frames for unknown call ids or of unknown types (A10). */
  dropped = 0;
  /** Routes by the client's path ref; a string is a path with no route (UNIMPLEMENTED). */
  private readonly paths: (Route | string | undefined)[] = [];
  private readonly head = new CallHead();
  private readonly pings: PingPolicy;

  constructor(
    private readonly conn: ServerConnection,
    private readonly calls: IdTable<ServerCall>,
    private readonly writer: FrameWriter,
    private readonly env: ServerEnv,
  ) {
    this.pings = new PingPolicy(env.clock, env.settings.pingMinIntervalMs);
  }

  onFrame(type: number, flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    if (this.conn.state === "handshake") return this.onHello(type, callId, buf, start, end);
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
        call.cancel(new RpcError(status, status === Status.CANCELLED ? "cancelled by the client" : "client deadline exceeded", { method: call.method, peer: this.conn.peer }));
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
        return this.conn.fail(Status.INTERNAL, "second HELLO");
      default:
        this.dropped++;
    }
  }

  onOversizeFrame(type: number, _flags: number, callId: number, length: number): void {
    if (this.conn.state === "handshake") return this.conn.fail(Status.INTERNAL, `expected HELLO as the first frame, got type ${type} claiming ${length} bytes`);
    const detail = `frame of ${length} bytes exceeds the server's limit (max message ${this.env.settings.maxMessageSize} bytes)`;
    const call = this.calls.get(callId);
    if (call !== undefined) {
      call.endWithStatus(Status.RESOURCE_EXHAUSTED, `request ${detail}`);
      call.cancel(new RpcError(Status.RESOURCE_EXHAUSTED, detail));
    } else if (type === FRAME_CALL && callId > this.lastCallId) {
      this.lastCallId = callId;
      writeEndFrame(this.writer, callId, Status.RESOURCE_EXHAUSTED, 0, `call ${detail}`, undefined, 0);
    } else {
      this.dropped++;
    }
  }

  onFrameError(reason: string): void {
    this.conn.fail(Status.INTERNAL, reason);
  }

  private onHello(type: number, callId: number, buf: Buffer, start: number, end: number): void {
    const settings = type === FRAME_HELLO && callId === 0 ? parseHello(buf, start, end) : `expected HELLO as the first frame, got type ${type}`;
    if (typeof settings === "string") return this.conn.fail(Status.INTERNAL, settings);
    this.conn.onHello(settings);
  }

  private onCall(flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    if (callId <= this.lastCallId) return this.conn.fail(Status.INTERNAL, `call id ${callId} is not above the previous one (${this.lastCallId})`);
    this.lastCallId = callId;
    // Calls after our GOAWAY are not processed; the client retries them (docs/protocol.md section 8).
    if (this.conn.state === "draining" && callId > this.conn.goawayLastId) return;
    const h = this.head;
    const bad = parseCallHead(buf, start, end, flags, h);
    if (bad !== undefined) return this.conn.fail(Status.INTERNAL, bad);
    let route: Route | string | undefined;
    if (h.pathStart >= 0) {
      const path = buf.toString("utf8", h.pathStart, h.pathEnd);
      route = this.env.router.get(path) ?? path;
      if (h.pathRef !== 0) this.paths[h.pathRef] = route;
    } else {
      route = this.paths[h.pathRef];
      if (route === undefined) return this.conn.fail(Status.INTERNAL, `unknown path ref ${h.pathRef}`);
    }
    this.pings.onActivity();
    if (typeof route === "string") return this.refuse(callId, Status.UNIMPLEMENTED, `method ${route} is not implemented by the server`);
    const s = this.env.settings;
    if (this.calls.size >= s.maxConcurrentCalls) return this.refuse(callId, Status.RESOURCE_EXHAUSTED, `too many concurrent calls on this connection (limit ${s.maxConcurrentCalls})`);
    if (h.mdEnd - h.mdStart > s.maxMetadataSize) return this.refuse(callId, Status.RESOURCE_EXHAUSTED, `request metadata of ${h.mdEnd - h.mdStart} bytes exceeds the server's limit of ${s.maxMetadataSize}`);
    if (h.msgEnd - h.msgStart > s.maxMessageSize) return this.refuse(callId, Status.RESOURCE_EXHAUSTED, `request of ${h.msgEnd - h.msgStart} bytes exceeds the server's limit of ${s.maxMessageSize}`);
    const md = h.mdStart < 0 ? EMPTY_METADATA : readMetadata(buf, h.mdStart, h.mdEnd);
    if (typeof md === "string") return this.conn.fail(Status.INTERNAL, md);
    // The precise clock only for deadlines (they must not fire early).
    const now = h.timeoutMs >= 0 ? this.env.clock.now() : this.env.turnClock.now();
    const call = new ServerCall(this.conn, callId, route, md, now);
    this.calls.set(callId, call);
    if (h.timeoutMs >= 0) {
      call.deadlineAt = now + h.timeoutMs;
      if (h.timeoutMs === 0) return call.onDeadline();
      this.env.deadlines.add(call);
    }
    const hasMessage = h.msgStart >= 0;
    const endStream = (flags & FLAG_END_STREAM) !== 0;
    if (route.method.requestStream) {
      call.requests = new InboundQueue(route.method.requestType, "request", call);
      if (hasMessage) call.requests.push(copyOut(buf, h.msgStart, h.msgEnd));
      if (endStream) call.requests.end();
      dispatchRequestStream(call);
    } else if (hasMessage && endStream) {
      // The unary fast path: CALL carried the request and the half-close; it is decoded in place.
      dispatchSingleRequest(call, buf, h.msgStart, h.msgEnd);
    } else {
      if (hasMessage) this.collectSingle(call, buf, h.msgStart, h.msgEnd);
      if (endStream) this.onHalfClose(callId);
    }
  }

  private onMessage(flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    const call = this.calls.get(callId);
    if (call === undefined) return void this.dropped++;
    const requests = call.requests;
    if (requests !== undefined) {
      if (requests.buffered + (end - start) > this.env.settings.initialWindow + this.env.settings.maxMessageSize) {
        call.endWithStatus(Status.RESOURCE_EXHAUSTED, "client overran the flow-control window");
        call.cancel(new RpcError(Status.RESOURCE_EXHAUSTED, "client overran the flow-control window"));
        return;
      }
      requests.push(copyOut(buf, start, end));
    } else {
      this.collectSingle(call, buf, start, end);
    }
    if ((flags & FLAG_END_STREAM) !== 0) this.onHalfClose(callId);
  }

  /** The one request of a unary or server-streaming call came apart from its half-close: kept (copied) until then. */
  private collectSingle(call: ServerCall, buf: Buffer, start: number, end: number): void {
    call.requestCount++;
    // Cardinality: a second request on a single-request call (RELIABILITY A7).
    if (call.requestCount > 1) return this.refuseCall(call, Status.UNIMPLEMENTED, `${call.method} takes one request message, got more`);
    call.pendingRequest = copyOut(buf, start, end);
  }

  private onHalfClose(callId: number): void {
    const call = this.calls.get(callId);
    if (call === undefined) return void this.dropped++;
    if (call.requests !== undefined) return call.requests.end();
    const message = call.pendingRequest;
    if (message === undefined) return this.refuseCall(call, Status.UNIMPLEMENTED, `${call.method} takes one request message, got none`);
    call.pendingRequest = undefined;
    dispatchSingleRequest(call, message, 0, message.length);
  }

  private onPing(callId: number, buf: Buffer, start: number, end: number): void {
    if (callId !== 0 || end - start !== 8) return this.conn.fail(Status.INTERNAL, "malformed PING");
    if (!this.pings.allow()) return this.conn.fail(Status.RESOURCE_EXHAUSTED, "too_many_pings");
    writePingFrame(this.writer, FRAME_PONG, buf.subarray(start, end));
  }

  /** Ends a call that never reached a handler. */
  private refuse(callId: number, code: Status, detail: string): void {
    writeEndFrame(this.writer, callId, code, 0, detail, undefined, 0);
  }

  private refuseCall(call: ServerCall, code: Status, detail: string): void {
    call.endWithStatus(code, detail);
    call.cancel(new RpcError(code, detail, { method: call.method, peer: this.conn.peer }));
  }
}
