import type { Clock } from "../deadline/clock.js";
import { TurnClock } from "../deadline/turn-clock.js";
import {
  CALL_FRAME_SLACK,
  FRAME_CANCEL,
  FRAME_HALF_CLOSE,
  FRAME_PING,
  FRAME_WINDOW,
  MAX_CALL_ID,
  MAX_CONNECTION_FRAME,
} from "../framing/constants.js";
import { FrameDecoder } from "../framing/frame-decoder.js";
import {
  writeCallFrame,
  writeCallFrameEncoding,
  writeEmptyFrame,
  writeGoawayFrame,
  writeHelloFrame,
  writeMessageFrameEncoding,
  writePingFrame,
  writeU32Frame,
} from "../framing/frame-encoders.js";
import type { Goaway } from "../framing/frame-parsers.js";
import { FrameWriter } from "../framing/frame-writer.js";
import { movedTail } from "../framing/message-tail.js";
import { metadataSize } from "../framing/metadata-block.js";
import { DEFAULT_SETTINGS, type Settings } from "../framing/settings.js";
import type { PartialMessage } from "../message-type.js";
import { PendingMap } from "../pending/pending-map.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { Keepalive, type KeepaliveOptions } from "../transport/keepalive.js";
import type { Link, LinkHandler } from "../transport/link.js";
import { limitError } from "./call-errors.js";
import type { ClientCall } from "./client-call.js";
import type { Connection, ConnectionOwner, ConnectionState } from "./connection.js";
import { PathInterner } from "./path-interner.js";
import { ResponseFrames } from "./response-frames.js";

/** @internal Options of one client connection. */
export interface MuxConnectionOptions {
  readonly settings: Settings;
  readonly clock: Clock;
  readonly keepalive: KeepaliveOptions | undefined;
  /** Test hook: the first call id (RELIABILITY E9). */
  readonly firstCallId?: number;
}

const PING_BYTES = new Uint8Array(8);
const wakeWriter = (call: ClientCall): void => call.wakeWriter();

/**
 * The client end of one native-protocol connection (docs/protocol.md):
 * starting calls (ids, path interning, the server's limits), the pending
 * map, flow-control credit, the HELLO exchange, keepalive, GOAWAY and drain,
 * protocol errors. What each frame from the server does is in
 * `ResponseFrames` (response-frames.ts), the decoder's sink.
 */
export class MuxConnection implements Connection, LinkHandler {
  state: ConnectionState = "connecting";
  readonly peer: string;
  private readonly decoder: FrameDecoder;
  private readonly writer: FrameWriter;
  private readonly pending = new PendingMap<ClientCall>();
  private peerSettings: Settings = DEFAULT_SETTINGS;
  private nextId: number;
  private readonly paths = new PathInterner();
  private keepalive: Keepalive | undefined = undefined;
  private readonly turnClock: TurnClock;

  constructor(private readonly link: Link, private readonly owner: ConnectionOwner, private readonly options: MuxConnectionOptions) {
    this.peer = link.peer;
    this.nextId = options.firstCallId ?? 1;
    this.turnClock = new TurnClock(options.clock);
    const s = options.settings;
    this.writer = new FrameWriter(link);
    this.decoder = new FrameDecoder(new ResponseFrames(this, this.pending, this.writer, s.maxMessageSize), {
      maxCallFrame: s.maxMessageSize + s.maxMetadataSize + CALL_FRAME_SLACK,
      maxConnectionFrame: MAX_CONNECTION_FRAME,
    });
    link.start(this);
    writeHelloFrame(this.writer, s);
  }

  get inFlight(): number {
    return this.pending.size;
  }

  get needsDrain(): boolean {
    return this.writer.needsDrain;
  }

  /** Frames dropped because their call was no longer pending (late responses). */
  get droppedFrames(): number {
    return this.pending.dropped;
  }

  start(call: ClientCall): boolean {
    if (this.state !== "ready" || this.pending.size >= this.peerSettings.maxConcurrentCalls) return false;
    if (this.writer.encoding) {
      // Made from inside the encoding of another call's message (a getter): it waits a tick.
      process.nextTick(() => this.owner.onCapacity(this));
      return false;
    }
    if (this.nextId > MAX_CALL_ID) {
      // Ids are never reused on a connection (RELIABILITY E9): drain it and
      // let the owner move new calls to a fresh connection.
      this.beginDraining();
      this.owner.onGoaway(this, [], new RpcError(Status.UNAVAILABLE, `call ids exhausted on the connection to ${this.peer}`, { peer: this.peer }));
      return false;
    }
    let timeoutMs = -1;
    if (call.deadlineAt !== Infinity) {
      const remaining = call.deadlineAt - this.options.clock.now();
      if (remaining <= 0) {
        call.onDeadline();
        return true;
      }
      // Rounded up so the server never expires it early (docs/protocol.md section 3).
      timeoutMs = Math.min(Math.ceil(remaining), 0xffff_ffff);
    }
    const maxMessage = this.peerSettings.maxMessageSize;
    const request = call.request;
    if (request !== undefined && request.length > maxMessage) {
      call.abort(limitError(call, "request", request.length, "the server's", maxMessage), 0);
      return true;
    }
    const md = call.metadata;
    const mdBytes = md === undefined ? 0 : metadataSize(md);
    if (mdBytes > this.peerSettings.maxMetadataSize) {
      call.abort(limitError(call, "request metadata", mdBytes, "the server's", this.peerSettings.maxMetadataSize), 0);
      return true;
    }
    const path = call.method.path;
    const ref = this.paths.ref(path);
    const id = this.nextId;
    const message = call.message;
    if (message !== undefined) {
      // Encoded into the frame; its size is known only then, and an oversized or unencodable request withdraws the frame.
      let n: number;
      try {
        n = writeCallFrameEncoding(this.writer, id, ref, this.paths.literal, timeoutMs, md, mdBytes, call.method.requestType, message, maxMessage);
      } catch (err) {
        this.paths.withdraw(path);
        call.abort(err as RpcError, 0);
        return true;
      }
      if (n > maxMessage) {
        this.paths.withdraw(path);
        call.abort(limitError(call, "request", n, "the server's", maxMessage), 0);
        return true;
      }
      if (movedTail !== undefined) {
        call.request = movedTail;
        call.message = undefined;
      } else {
        call.sentIn = this.writer.buf;
        call.sentStart = this.writer.pos - n;
        call.sentEnd = this.writer.pos;
      }
    } else {
      writeCallFrame(this.writer, id, ref, this.paths.literal, timeoutMs, md, mdBytes, request, request !== undefined);
    }
    this.nextId = id + 1;
    call.id = id;
    call.conn = this;
    call.sentAt = this.turnClock.now();
    call.sendWindow = this.peerSettings.initialWindow;
    this.pending.add(id, call);
    if (request === undefined && message === undefined) call.onStarted();
    return true;
  }

  sendMessage(call: ClientCall, message: PartialMessage<object>): void {
    const max = this.peerSettings.maxMessageSize;
    let n: number;
    try {
      n = writeMessageFrameEncoding(this.writer, call.id, call.method.requestType, message, max);
    } catch (err) {
      call.abort(err as RpcError, Status.CANCELLED);
      return;
    }
    if (n > max) {
      call.abort(limitError(call, "request", n, "the server's", max), Status.RESOURCE_EXHAUSTED);
      return;
    }
    call.sendWindow -= n;
  }

  sendHalfClose(call: ClientCall): void {
    writeEmptyFrame(this.writer, FRAME_HALF_CLOSE, call.id);
  }

  grantWindow(call: ClientCall, bytes: number): void {
    writeU32Frame(this.writer, FRAME_WINDOW, call.id, bytes);
  }

  abandon(call: ClientCall, code: number): void {
    if (!this.pending.delete(call.id, call)) return;
    if (code !== 0 && this.state !== "closed") writeU32Frame(this.writer, FRAME_CANCEL, call.id, code);
    this.afterCallEnded();
  }

  close(): void {
    if (this.state === "connecting") this.destroy(new RpcError(Status.UNAVAILABLE, `connection to ${this.peer} closed before it was ready`, { peer: this.peer }));
    else this.beginDraining();
  }

  destroy(reason: RpcError): void {
    this.shutdown(reason);
    this.link.destroy();
  }

  // ---- LinkHandler

  onData(chunk: Buffer): void {
    this.keepalive?.onRead();
    this.decoder.push(chunk);
  }

  onDrain(): void {
    this.writer.needsDrain = false;
    this.pending.forEach(wakeWriter);
  }

  onClose(error: Error | undefined): void {
    const partial = this.decoder.hasPartial ? " in the middle of a frame" : "";
    const why = error === undefined ? "" : `: ${error.message}`;
    const what = this.state === "connecting" ? "closed during the handshake" : "lost";
    this.shutdown(new RpcError(Status.UNAVAILABLE, `connection to ${this.peer} ${what}${partial}${why}`, { peer: this.peer, cause: error }));
  }

  // ---- handshake and GOAWAY (parsed by ResponseFrames)

  /** @internal The server's HELLO: its limits apply from now on, calls may start. */
  onHello(settings: Settings): void {
    this.peerSettings = settings;
    this.state = "ready";
    const ka = this.options.keepalive;
    if (ka !== undefined) {
      // Never ping more often than the server tolerates (gRFC A8 enforcement).
      this.keepalive = new Keepalive(this.options.clock, { ...ka, timeMs: Math.max(ka.timeMs, settings.pingMinIntervalMs) }, this);
      this.keepalive.start();
    }
    this.owner.onReady(this);
  }

  /** @internal The first frame is not a HELLO: not one of ours (RELIABILITY E5), so the attempt fails UNAVAILABLE. */
  rejectPeer(what: string): void {
    this.decoder.stop();
    this.destroy(new RpcError(Status.UNAVAILABLE, `${this.peer} is not a protostub server: ${what}`, { peer: this.peer }));
  }

  /** @internal The server sent GOAWAY: no new calls here; running ones up to its last id finish. */
  onGoaway(g: Goaway): void {
    const code = g.code === Status.OK ? Status.UNAVAILABLE : g.code;
    const reason = new RpcError(code, `server ${this.peer} sent GOAWAY: ${g.reason}`, { peer: this.peer });
    this.state = "draining";
    // Calls above the last id were never processed: the owner may retry them (docs/protocol.md section 8).
    const unprocessed = this.pending.takeAbove(g.lastCallId);
    for (const call of unprocessed) {
      call.conn = undefined;
      call.keepSentRequest();
    }
    this.owner.onGoaway(this, unprocessed, reason);
    if (this.pending.size === 0) this.endLink();
  }

  // ---- lifecycle

  /** @internal A call left the pending map: room for a queued one, or the last one of a draining connection. */
  afterCallEnded(): void {
    if (this.state === "draining") {
      if (this.pending.size === 0) this.endLink();
      return;
    }
    this.owner.onCapacity(this);
  }

  private beginDraining(): void {
    if (this.state === "closed" || this.state === "draining") return;
    this.state = "draining";
    if (this.pending.size === 0) this.endLink();
  }

  private endLink(): void {
    this.writer.flush();
    this.shutdown(undefined);
    this.link.end();
  }

  /** @internal A malformed frame from the server: tell it why, then drop the connection. */
  protocolError(reason: string): void {
    if (this.state === "closed") return;
    this.decoder.stop();
    writeGoawayFrame(this.writer, 0, Status.INTERNAL, reason);
    this.writer.flush();
    this.shutdown(new RpcError(Status.UNAVAILABLE, `protocol error from ${this.peer}: ${reason}`, { peer: this.peer }));
    this.link.end();
  }

  /** Marks the connection closed, fails what is pending with `reason`, tells the owner once. */
  private shutdown(reason: RpcError | undefined): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.keepalive?.stop();
    this.decoder.stop();
    this.writer.close();
    const err = reason ?? new RpcError(Status.UNAVAILABLE, `connection to ${this.peer} closed`, { peer: this.peer });
    this.pending.rejectAll(err);
    this.owner.onClosed(this, reason);
  }

  // ---- KeepaliveHost

  sendPing(): void {
    writePingFrame(this.writer, FRAME_PING, PING_BYTES);
  }

  hasCalls(): boolean {
    return this.pending.size > 0;
  }

  onKeepaliveTimeout(silentMs: number): void {
    this.destroy(
      new RpcError(Status.UNAVAILABLE, `keepalive: no data from ${this.peer} for ${Math.round(silentMs)} ms after a ping; connection declared dead`, {
        peer: this.peer,
      }),
    );
  }
}

