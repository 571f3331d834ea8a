import { readU32 } from "../framing/bytes.js";
import {
  FRAME_CANCEL,
  FRAME_END,
  FRAME_GOAWAY,
  FRAME_HEADERS,
  FRAME_HELLO,
  FRAME_MESSAGE,
  FRAME_PING,
  FRAME_PONG,
  FRAME_WINDOW,
} from "../framing/constants.js";
import type { FrameSink } from "../framing/frame-decoder.js";
import { writePingFrame, writeU32Frame } from "../framing/frame-encoders.js";
import { EndHead, parseEndHead, parseGoaway, parseHello } from "../framing/frame-parsers.js";
import type { FrameWriter } from "../framing/frame-writer.js";
import { readMetadata } from "../framing/metadata-block.js";
import { EMPTY_METADATA } from "../metadata/metadata.js";
import type { PendingMap } from "../pending/pending-map.js";
import { Status } from "../status/status.js";
import { limitError } from "./call-errors.js";
import type { ClientCall } from "./client-call.js";
import type { MuxConnection } from "./mux-connection.js";

/**
 * @internal What the frames from the server do (docs/protocol.md): the
 * decoder's sink for one `MuxConnection`. Call frames (END, MESSAGE,
 * HEADERS, WINDOW) go straight to their pending call, with this client's
 * message limit applied; a frame for an id no longer pending is counted and
 * dropped (RELIABILITY A10, C7). Connection frames (HELLO, GOAWAY) are
 * parsed here and acted on by the connection, which owns its state.
 *
 * A separate object so the per-frame code reads on its own. It holds the
 * connection's pending map and writer itself, so the per-frame path reaches
 * them as directly as the connection did.
 */
export class ResponseFrames implements FrameSink {
  private readonly endHead = new EndHead();

  constructor(
    private readonly conn: MuxConnection,
    private readonly pending: PendingMap<ClientCall>,
    private readonly writer: FrameWriter,
    /** This client's receive limit (its own settings, not the server's). */
    private readonly maxMessageSize: number,
  ) {}

  onFrame(type: number, flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    if (this.conn.state === "connecting") {
      this.onHandshakeFrame(type, callId, buf, start, end);
      return;
    }
    switch (type) {
      case FRAME_END:
        this.onEnd(flags, callId, buf, start, end);
        return;
      case FRAME_MESSAGE:
        this.onMessage(callId, buf, start, end);
        return;
      case FRAME_HEADERS:
        this.onHeaders(callId, buf, start, end);
        return;
      case FRAME_WINDOW: {
        const call = this.pending.get(callId);
        if (call === undefined || end - start !== 4) this.pending.drop();
        else call.onWindow(readU32(buf, start));
        return;
      }
      case FRAME_PING:
        if (callId !== 0 || end - start !== 8) return this.conn.protocolError("malformed PING");
        writePingFrame(this.writer, FRAME_PONG, buf.subarray(start, end));
        return;
      case FRAME_PONG:
        return;
      case FRAME_GOAWAY: {
        const g = parseGoaway(buf, start, end);
        if (typeof g === "string") return this.conn.protocolError(g);
        this.conn.onGoaway(g);
        return;
      }
      case FRAME_HELLO:
        return this.conn.protocolError("second HELLO");
      default:
        // Unknown frame types are skipped for forward compatibility (A10).
        this.pending.drop();
    }
  }

  onOversizeFrame(type: number, _flags: number, callId: number, length: number): void {
    if (this.conn.state === "connecting") {
      this.conn.rejectPeer(`first frame claims ${length} bytes`);
      return;
    }
    const call = this.pending.take(callId);
    if (call === undefined) {
      this.pending.drop();
      return;
    }
    writeU32Frame(this.writer, FRAME_CANCEL, callId, Status.RESOURCE_EXHAUSTED);
    call.abort(limitError(call, `response frame of type ${type}`, length, "this client's", this.maxMessageSize), 0);
    this.conn.afterCallEnded();
  }

  onFrameError(reason: string): void {
    this.conn.protocolError(reason);
  }

  private onHandshakeFrame(type: number, callId: number, buf: Buffer, start: number, end: number): void {
    const settings = type === FRAME_HELLO && callId === 0 ? parseHello(buf, start, end) : `expected HELLO, got frame type ${type}`;
    if (typeof settings === "string") this.conn.rejectPeer(settings);
    else this.conn.onHello(settings);
  }

  private onEnd(flags: number, callId: number, buf: Buffer, start: number, end: number): void {
    const call = this.pending.take(callId);
    if (call === undefined) {
      this.pending.drop();
      return;
    }
    const h = this.endHead;
    const bad = parseEndHead(buf, start, end, flags, h);
    const trailers = bad === undefined && h.mdStart >= 0 ? readMetadata(buf, h.mdStart, h.mdEnd) : EMPTY_METADATA;
    if (bad !== undefined || typeof trailers === "string") {
      // Put it back so the protocol error fails it with the others.
      this.pending.add(callId, call);
      this.conn.protocolError(bad ?? (trailers as string));
      return;
    }
    const detail = h.detailStart < 0 ? "" : buf.toString("utf8", h.detailStart, h.detailEnd);
    if (h.msgStart >= 0 && h.msgEnd - h.msgStart > this.maxMessageSize) {
      call.fail(limitError(call, "response", h.msgEnd - h.msgStart, "this client's", this.maxMessageSize));
      this.conn.afterCallEnded();
      return;
    }
    call.serverTimeUs = h.serverTimeUs;
    call.onEnd(h.code, detail, trailers, buf, h.msgStart, h.msgEnd);
    this.conn.afterCallEnded();
  }

  private onMessage(callId: number, buf: Buffer, start: number, end: number): void {
    const call = this.pending.get(callId);
    if (call === undefined) {
      this.pending.drop();
      return;
    }
    if (end - start > this.maxMessageSize) {
      this.pending.take(callId);
      writeU32Frame(this.writer, FRAME_CANCEL, callId, Status.RESOURCE_EXHAUSTED);
      call.fail(limitError(call, "response", end - start, "this client's", this.maxMessageSize));
      this.conn.afterCallEnded();
      return;
    }
    call.onMessage(buf, start, end);
  }

  private onHeaders(callId: number, buf: Buffer, start: number, end: number): void {
    const call = this.pending.get(callId);
    if (call === undefined) {
      this.pending.drop();
      return;
    }
    const md = readMetadata(buf, start, end);
    if (typeof md === "string") return this.conn.protocolError(md);
    call.onHeaders(md);
  }
}
