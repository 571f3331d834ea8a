import { readU32 } from "./bytes.js";
import { HEADER_SIZE } from "./constants.js";

/** Receives what a `FrameDecoder` finds, in wire order. */
export interface FrameSink {
  /**
   * One complete frame. The payload is `buf[start, end)`; `buf` is usually
   * the socket chunk itself (no copy), so keep a `subarray`, not offsets.
   */
  onFrame(type: number, flags: number, callId: number, buf: Buffer, start: number, end: number): void;
  /**
   * A call frame larger than the limit. Its payload is skipped as it
   * arrives (never buffered) and the stream stays in sync.
   */
  onOversizeFrame(type: number, flags: number, callId: number, length: number): void;
  /** The byte stream cannot be trusted any more; the connection must close. */
  onFrameError(reason: string): void;
}

/** Size limits a decoder enforces before buffering anything. */
export interface FrameLimits {
  /** Largest payload of a frame with a non-zero call id. */
  readonly maxCallFrame: number;
  /** Largest payload of a frame with call id 0. */
  readonly maxConnectionFrame: number;
}

/**
 * Incremental frame parser over socket chunks (docs/protocol.md section 1).
 *
 * Frames wholly inside a chunk are handed over as views of that chunk; a
 * frame split across chunks is assembled once into a buffer of its exact
 * size. The claimed length is checked against the limits before any
 * allocation (RELIABILITY A3, I1). After `stop()` (or an error) it ignores
 * further input, also mid-chunk, so a sink may close the connection from
 * inside a callback.
 */
export class FrameDecoder {
  private readonly head = new Uint8Array(HEADER_SIZE);
  private headLen = 0;
  private body: Buffer | undefined = undefined;
  private bodyLen = 0;
  private type = 0;
  private flags = 0;
  private callId = 0;
  private skip = 0;
  private stopped = false;

  constructor(private readonly sink: FrameSink, private limits: FrameLimits) {}

  /** Replaces the limits (e.g. once HELLO has been exchanged). */
  setLimits(limits: FrameLimits): void {
    this.limits = limits;
  }

  /** Stops delivering frames. */
  stop(): void {
    this.stopped = true;
  }

  /** Whether a frame has been started but not finished (truncation on close). */
  get hasPartial(): boolean {
    return this.headLen > 0 || this.body !== undefined || this.skip > 0;
  }

  /** Feeds the next chunk of the byte stream. */
  push(chunk: Buffer): void {
    let pos = 0;
    const len = chunk.length;
    while (pos < len && !this.stopped) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, len - pos);
        this.skip -= n;
        pos += n;
        continue;
      }
      if (this.body !== undefined) {
        pos = this.fillBody(chunk, pos);
        continue;
      }
      if (this.headLen > 0) {
        const n = Math.min(HEADER_SIZE - this.headLen, len - pos);
        this.head.set(chunk.subarray(pos, pos + n), this.headLen);
        this.headLen += n;
        pos += n;
        if (this.headLen < HEADER_SIZE) return;
        this.headLen = 0;
        const h = this.head;
        pos = this.beginFrame(readU32(h, 0), h[4] as number, h[5] as number, readU32(h, 6), chunk, pos);
        continue;
      }
      if (len - pos < HEADER_SIZE) {
        this.head.set(chunk.subarray(pos, len), 0);
        this.headLen = len - pos;
        return;
      }
      // Fast path: the header (and usually the payload) inside this chunk.
      pos = this.beginFrame(readU32(chunk, pos), chunk[pos + 4] as number, chunk[pos + 5] as number, readU32(chunk, pos + 6), chunk, pos + HEADER_SIZE);
    }
  }

  /** Starts the frame whose header was just read; consumes what it can of the payload from chunk[pos..]. */
  private beginFrame(length: number, type: number, flags: number, callId: number, chunk: Buffer, pos: number): number {
    if (!this.withinLimits(type, flags, callId, length)) {
      if (this.stopped) return chunk.length;
      this.skip = length;
      return pos;
    }
    if (chunk.length - pos >= length) {
      this.sink.onFrame(type, flags, callId, chunk, pos, pos + length);
      return pos + length;
    }
    this.type = type;
    this.flags = flags;
    this.callId = callId;
    this.body = Buffer.allocUnsafe(length);
    this.bodyLen = 0;
    return this.fillBody(chunk, pos);
  }

  private fillBody(chunk: Buffer, pos: number): number {
    const body = this.body as Buffer;
    const n = Math.min(body.length - this.bodyLen, chunk.length - pos);
    body.set(chunk.subarray(pos, pos + n), this.bodyLen);
    this.bodyLen += n;
    if (this.bodyLen === body.length) {
      this.body = undefined;
      this.sink.onFrame(this.type, this.flags, this.callId, body, 0, body.length);
    }
    return pos + n;
  }

  /** False when the frame must not be buffered; reports it to the sink. */
  private withinLimits(type: number, flags: number, callId: number, length: number): boolean {
    if (callId === 0) {
      if (length <= this.limits.maxConnectionFrame) return true;
      this.stopped = true;
      this.sink.onFrameError(`connection frame of type ${type} claims ${length} bytes (limit ${this.limits.maxConnectionFrame})`);
      return false;
    }
    if (length <= this.limits.maxCallFrame) return true;
    this.sink.onOversizeFrame(type, flags, callId, length);
    return false;
  }
}
