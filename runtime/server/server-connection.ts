import type { TimerHandle } from "../deadline/clock.js";
import { CALL_FRAME_SLACK, FRAME_PING, FRAME_WINDOW, MAX_CONNECTION_FRAME } from "../framing/constants.js";
import { FrameDecoder } from "../framing/frame-decoder.js";
import {
  writeEndFrame,
  writeEndFrameEncoding,
  writeGoawayFrame,
  writeHeadersFrame,
  writeHelloFrame,
  writeMessageFrameEncoding,
  writePingFrame,
  writeU32Frame,
} from "../framing/frame-encoders.js";
import { FrameWriter } from "../framing/frame-writer.js";
import { metadataSize } from "../framing/metadata-block.js";
import { DEFAULT_SETTINGS, type Settings } from "../framing/settings.js";
import type { MessageType, PartialMessage } from "../message-type.js";
import type { Metadata } from "../metadata/metadata.js";
import { IdTable } from "../pending/id-table.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { Keepalive, type KeepaliveOptions } from "../transport/keepalive.js";
import type { Link, LinkHandler } from "../transport/link.js";
import { RequestFrames } from "./request-frames.js";
import type { CallSink, ServerCall } from "./server-call.js";
import type { ServerEnv } from "./server-env.js";

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
 * @internal The server end of one connection (docs/protocol.md): the
 * HELLO exchange and its time limit, the calls' writes (`CallSink`),
 * keepalive, GOAWAY and drain, and closing. A malformed frame closes only
 * this connection, with a GOAWAY saying why (RELIABILITY I1, I4). What each
 * frame from the client does (CALL dispatch through path refs, per-call
 * limits, cancel, flow control, ping enforcement) is in `RequestFrames`
 * (request-frames.ts), the decoder's sink.
 */
export class ServerConnection implements LinkHandler, CallSink {
  state: ServerConnectionState = "handshake";
  readonly peer: string;
  private readonly decoder: FrameDecoder;
  private readonly writer: FrameWriter;
  /** Running calls by id (an `IdTable`, not a `Map`: see id-table.ts for the GC cost of the latter). */
  private readonly calls = new IdTable<ServerCall>();
  private readonly frames: RequestFrames;
  /** @internal The last call id named in our GOAWAY: calls above it are ignored. */
  goawayLastId = 0;
  private peerSettings: Settings = DEFAULT_SETTINGS;
  private handshakeTimer: TimerHandle | undefined;
  private keepalive: Keepalive | undefined = undefined;

  constructor(private readonly link: Link, readonly env: ServerEnv, private readonly options: ServerConnectionOptions) {
    this.peer = link.peer;
    const s = env.settings;
    this.writer = new FrameWriter(link);
    this.frames = new RequestFrames(this, this.calls, this.writer, env);
    this.decoder = new FrameDecoder(this.frames, { maxCallFrame: s.maxMessageSize + s.maxMetadataSize + CALL_FRAME_SLACK, maxConnectionFrame: MAX_CONNECTION_FRAME });
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

  /** Frames for unknown call ids or of unknown types (A10). */
  get dropped(): number {
    return this.frames.dropped;
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
    this.goawayLastId = this.frames.lastCallId;
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

  writeMessageEncoding(call: ServerCall, type: MessageType<object>, message: PartialMessage<object>): number {
    return writeMessageFrameEncoding(this.writer, call.id, type, message, this.peerMaxMessageSize);
  }

  writeEnd(call: ServerCall, code: number, detail: string, trailers: Metadata | undefined): void {
    const us = (this.env.turnClock.now() - call.startedAt) * 1000;
    writeEndFrame(this.writer, call.id, code, us, detail, trailers, trailers === undefined ? 0 : metadataSize(trailers));
  }

  writeEndEncoding(call: ServerCall, trailers: Metadata | undefined, type: MessageType<object>, message: PartialMessage<object>): number {
    const us = (this.env.turnClock.now() - call.startedAt) * 1000;
    const trailersBytes = trailers === undefined ? 0 : metadataSize(trailers);
    return writeEndFrameEncoding(this.writer, call.id, us, trailers, trailersBytes, type, message, this.peerMaxMessageSize);
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

  // ---- handshake (HELLO parsed by RequestFrames)

  /** @internal The client's HELLO: answer with ours, start keepalive; calls may come. */
  onHello(settings: Settings): void {
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

  // ---- lifecycle

  /** @internal A protocol error or a limit on the whole connection: GOAWAY with the reason, then close. */
  fail(code: Status, reason: string): void {
    if (this.state === "closed") return;
    this.decoder.stop();
    writeGoawayFrame(this.writer, this.frames.lastCallId, code, reason);
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

