import type { Link } from "../transport/link.js";
import { writeU32 } from "./bytes.js";
import { HEADER_SIZE } from "./constants.js";

/** Messages at least this large are queued by reference instead of copied. */
const COPY_LIMIT = 16 * 1024;
const SLAB_SIZE = 64 * 1024;
/**
 * Measured with bench:rpc (small payload, 64 in flight): flushing once per
 * turn makes the two processes take turns (~146k calls/s, each core ~45%
 * busy); flushing every 16 frames lets the peer start on the first part of
 * a batch while this side encodes the rest (~200-210k calls/s, cores ~70%).
 * 8 was better at 16 in flight but worse at 64 and 256. Once messages were
 * encoded in place (fewer µs per frame), 32 beat 16 at 64 in flight in 5
 * of 6 paired runs, both orders (median +7% calls/s, lower p99 and client
 * CPU; each write costs ~10 µs on loopback), and was even at 16 and 256
 * in flight and with the large payload (2026-12-04).
 */
const FLUSH_FRAMES = 32;
const FLUSH_BYTES = 256 * 1024;
/** Room reserved for a message encoded in place before any has been. */
const MIN_TAIL_GUESS = 256;

/**
 * Batches outgoing frames and writes them once per event-loop turn
 * (docs/protocol.md; PEERS.md section 1: coalescing is worth 3.7x at 64
 * calls in flight).
 *
 * Frames are encoded straight into a slab. A flush hands the filled part of
 * the slab to the link as a view and goes on filling the rest; bytes handed
 * over are never written again, so no copy is needed while the kernel still
 * holds them. Large messages travel as their own chunk beside their header.
 * The flush runs on `process.nextTick`, i.e. after the current callback and
 * its promise continuations, so every call started or answered in one turn
 * leaves in one `writev`.
 */
export class FrameWriter {
  /** @internal Current slab; encoders write at `pos` after `reserve`. */
  buf: Buffer = Buffer.allocUnsafeSlow(SLAB_SIZE);
  /** @internal Write position in `buf`. */
  pos = 0;
  /** True after the link reported a full buffer, until `onDrain`. */
  needsDrain = false;
  /**
   * Room to reserve for a message encoded in place: the size of the last
   * one (within bounds), so that a run of like messages does not keep
   * straddling the end of a slab and moving out of it.
   */
  tailGuess = MIN_TAIL_GUESS;
  /**
   * True while a message is being encoded into the slab, between its
   * frame's fields and its end: a frame started then (a getter of the
   * message making a call) would land inside it, so `reserve` refuses.
   */
  encoding = false;
  private segStart = 0;
  private readonly queued: Uint8Array[] = [];
  /** Bytes in `queued`. */
  private queuedBytes = 0;
  /** Frames started since the last flush. */
  private frames = 0;
  private scheduled = false;
  private closed = false;
  private readonly flushCallback = (): void => this.flush();

  /**
   * @param flushFrames, flushBytes once this many frames or bytes wait, the
   *   next frame first flushes them: a large batch leaves in a few writes, so the peer starts on the
   *   first part while this side encodes the rest (both cores work instead
   *   of taking turns).
   */
  constructor(private readonly link: Link, private readonly flushFrames = FLUSH_FRAMES, private readonly flushBytes = FLUSH_BYTES) {}

  /** Ensures `n` bytes of room at `pos` and schedules a flush. */
  reserve(n: number): void {
    if (this.encoding) throw new Error("a frame was started while a message was being encoded into the same connection (does a getter of the message make calls?)");
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flushCallback);
    } else if (++this.frames >= this.flushFrames || this.pos - this.segStart + this.queuedBytes >= this.flushBytes) {
      // Everything before this frame is complete: send it now.
      this.flush();
      this.scheduled = true;
      process.nextTick(this.flushCallback);
    }
    if (this.buf.length - this.pos >= n) return;
    this.seal();
    this.buf = Buffer.allocUnsafeSlow(Math.max(SLAB_SIZE, n));
    this.pos = 0;
    this.segStart = 0;
  }

  /** Writes a frame header at `pos` (room must be reserved). */
  header(length: number, type: number, flags: number, callId: number): void {
    const b = this.buf;
    const p = this.pos;
    writeU32(b, p, length);
    b[p + 4] = type;
    b[p + 5] = flags;
    writeU32(b, p + 6, callId);
    this.pos = p + HEADER_SIZE;
  }

  /**
   * Appends `bytes` as the tail of the current frame: copied into the slab
   * when small and there is room (`tailRoom` says what to reserve), else
   * queued by reference, so the caller must not change them afterwards.
   */
  bytes(bytes: Uint8Array): void {
    if (bytes.length < COPY_LIMIT && this.buf.length - this.pos >= bytes.length) {
      this.buf.set(bytes, this.pos);
      this.pos += bytes.length;
      return;
    }
    this.seal();
    this.queued.push(bytes);
    this.queuedBytes += bytes.length;
  }

  /** A message of `n` bytes was just encoded in place (see `tailGuess`). */
  noteTail(n: number): void {
    this.tailGuess = n < MIN_TAIL_GUESS ? MIN_TAIL_GUESS : n > COPY_LIMIT ? COPY_LIMIT : n;
  }

  /** Room to reserve for a frame ending in `bytes` (see `bytes`). */
  static tailRoom(bytes: Uint8Array): number {
    return bytes.length < COPY_LIMIT ? bytes.length : 0;
  }

  /** Writes everything queued now. */
  flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    this.seal();
    this.frames = 0;
    if (this.queued.length === 0) return;
    const ok = this.link.write(this.queued);
    this.queued.length = 0;
    this.queuedBytes = 0;
    if (!ok) this.needsDrain = true;
    // Do not start the next frames in a sliver at the end of the slab.
    if (this.buf.length - this.pos < 512) {
      this.buf = Buffer.allocUnsafeSlow(SLAB_SIZE);
      this.pos = 0;
      this.segStart = 0;
    }
  }

  /** Drops anything unsent and ignores later frames (the link is gone). */
  close(): void {
    this.closed = true;
    this.queued.length = 0;
    this.queuedBytes = 0;
    this.segStart = this.pos;
  }

  /** Whether writes are being ignored. */
  get isClosed(): boolean {
    return this.closed;
  }

  private seal(): void {
    if (this.pos > this.segStart) {
      this.queued.push(this.buf.subarray(this.segStart, this.pos));
      this.queuedBytes += this.pos - this.segStart;
      this.segStart = this.pos;
    }
  }
}
