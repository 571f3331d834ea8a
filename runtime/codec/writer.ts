import { writeDouble, writeFloat } from "./float-bits.js";
import { bitsFromBigint, bitsFromNumber, bitsFromString, zigZagEncode, type Int64Bits } from "./int64.js";
import { copyOut, releaseSlab, SLAB_SIZE, takeSlab, takenFrom } from "./slab-pool.js";
import { utf8Length, writeUtf8 } from "./utf8.js";

/** First size of the scratch buffer large messages are written into. */
const INITIAL_SCRATCH = 64 * 1024;
/** Scratch buffers up to this size are kept for the next large message; larger ones are dropped. */
const MAX_POOLED = 1 << 20;
/** Above this many UTF-16 units a string's exact byte length is computed first instead of reserving 3 bytes per unit. */
const HUGE_STRING = 1 << 16;

const EMPTY = new Uint8Array(0);

/**
 * Where a message is written:
 * - small ones straight into a shared slab (slab-pool.ts), and `finish()`
 *   returns a view of the bytes: no copy, which matters as much as the
 *   encoding itself for a 100-byte message;
 * - large ones (when the previous message was large, or when one outgrows
 *   its slab) into a reused scratch buffer, copied out by `finish()`:
 *   reusing the buffer is cheaper than allocating one per message.
 * The scratch buffer is taken and given back like the slab, so concurrent
 * writers never share it and a dropped writer only loses it to the GC.
 */
let scratch: Uint8Array | undefined;
/** Size of the last finished message: whether the next one starts in a slab. */
let lastSize = 0;

/** Scratch for 64-bit values split into halves (single-threaded, never held across calls). */
const bits: Int64Bits = { lo: 0, hi: 0 };

/** Bytes taken by `value` (an unsigned 32-bit integer) as a varint. */
function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

/**
 * Protobuf wire-format writer used by generated encoders.
 *
 * CONTRACT (generated code calls exactly these; implementation may change):
 * - scalar writers append one value WITHOUT a tag; generated code writes tags
 *   itself with `uint32(tag)` where tag = fieldNumber << 3 | wireType.
 * - `fork()` reserves room for a length prefix and returns a mark;
 *   `join(mark)` writes the length of everything written since the mark.
 *   Used for nested messages, packed repeated fields and map entries.
 * - `finish()` returns a fresh Uint8Array that the caller owns and resets
 *   the writer for reuse.
 * - 64-bit writers come in three flavours for `--int64 bigint|string|number`.
 *
 * 32-bit writers coerce like `value | 0` / `value >>> 0` (no range check, as
 * protobufjs); 64-bit writers throw RangeError for values outside the
 * type's range, since silently wrapping a bigint would corrupt data.
 */
export class Writer {
  /** @internal Buffer being written; this message is `[start, pos)`. */
  buf: Uint8Array;
  /** @internal Write position. */
  pos: number;
  /** @internal Where this message starts in `buf` (slabs hold several). */
  start: number;
  /** @internal Whether `buf` is a shared slab (else the scratch buffer). */
  inSlab: boolean;

  constructor() {
    this.buf = EMPTY;
    this.start = 0;
    this.pos = 0;
    this.inSlab = false;
    this.begin();
  }

  /** Picks the buffer for a new message. */
  private begin(): void {
    if (lastSize <= SLAB_SIZE >>> 1) {
      this.buf = takeSlab();
      this.start = this.pos = takenFrom;
      this.inSlab = true;
    } else {
      this.buf = this.takeScratch(lastSize);
      this.start = this.pos = 0;
      this.inSlab = false;
    }
  }

  private takeScratch(need: number): Uint8Array {
    const s = scratch;
    if (s !== undefined && s.length >= need) {
      scratch = undefined;
      return s;
    }
    return new Uint8Array(Math.max(2 * need, INITIAL_SCRATCH));
  }

  /** Makes room for `n` more bytes and returns the (possibly new) buffer. Kept out of line: rare. */
  private grow(n: number): Uint8Array {
    if (this.buf === EMPTY) {
      // First write after finish().
      this.begin();
      if (this.pos + n <= this.buf.length) return this.buf;
    }
    const old = this.buf;
    const len = this.pos - this.start;
    const next = this.takeScratch(len + n);
    next.set(old.subarray(this.start, this.pos));
    // The slab's room from this message's start is free again for later (smaller) messages.
    if (this.inSlab) releaseSlab(old, this.start);
    this.inSlab = false;
    this.start = 0;
    this.pos = len;
    return (this.buf = next);
  }

  /**
   * @internal Starts a message at `buf[pos]`, in a buffer the caller owns
   * (a frame slab), so that it needs no copy of its own. End it with
   * `endInPlace()`. A message that outgrows `buf` moves to the writer's own
   * buffer, like every message that outgrows its slab.
   */
  beginInPlace(buf: Uint8Array, pos: number): void {
    // A writer fresh from the constructor holds the free slab: give it back untouched.
    if (this.inSlab && this.pos === this.start) releaseSlab(this.buf, this.start);
    this.buf = buf;
    this.start = this.pos = pos;
    this.inSlab = false;
  }

  /**
   * @internal Ends a message begun with `beginInPlace(buf, pos)`: the
   * position after it in `buf` and the writer is reset, or -1 when it moved
   * out of `buf` (take its bytes with `finish()`).
   */
  endInPlace(buf: Uint8Array): number {
    if (this.buf !== buf) return -1;
    const end = this.pos;
    this.buf = EMPTY;
    this.start = this.pos = 0;
    return end;
  }

  /** Varint of an unsigned 32-bit value (also used for tags and lengths). */
  uint32(value: number): this {
    // One-byte values (every tag below field 16, most lengths) in a few bytecodes, so that it inlines.
    const pos = this.pos;
    if (value >>> 0 < 0x80 && pos < this.buf.length) {
      this.buf[pos] = value;
      this.pos = pos + 1;
      return this;
    }
    return this.varint32(value >>> 0);
  }

  private varint32(v: number): this {
    let pos = this.pos;
    let buf = this.buf;
    if (pos + 5 > buf.length) {
      buf = this.grow(5);
      pos = this.pos;
    }
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
    return this;
  }

  /** Varint of a signed 32-bit value; negatives take 10 bytes (sign-extended to 64 bits, per the spec). */
  int32(value: number): this {
    const v = value | 0;
    if (v >= 0) return this.uint32(v);
    return this.varint64(v >>> 0, 0xffffffff);
  }

  /** Zig-zag varint of a signed 32-bit value. */
  sint32(value: number): this {
    return this.uint32((value << 1) ^ (value >> 31));
  }

  bool(value: boolean): this {
    let buf = this.buf;
    if (this.pos + 1 > buf.length) buf = this.grow(1);
    buf[this.pos++] = value ? 1 : 0;
    return this;
  }

  /** 4 little-endian bytes of an unsigned 32-bit value. */
  fixed32(value: number): this {
    return this.fixed32Bits(value >>> 0);
  }

  /** 4 little-endian bytes of a signed 32-bit value. */
  sfixed32(value: number): this {
    return this.fixed32Bits(value >>> 0);
  }

  float(value: number): this {
    let buf = this.buf;
    if (this.pos + 4 > buf.length) buf = this.grow(4);
    writeFloat(buf, this.pos, value);
    this.pos += 4;
    return this;
  }

  double(value: number): this {
    let buf = this.buf;
    if (this.pos + 8 > buf.length) buf = this.grow(8);
    writeDouble(buf, this.pos, value);
    this.pos += 8;
    return this;
  }

  /** int64/uint64/sint64/fixed64/sfixed64 from bigint */
  int64(value: bigint): this {
    bitsFromBigint(value, true, bits);
    return this.varint64(bits.lo, bits.hi);
  }

  uint64(value: bigint): this {
    bitsFromBigint(value, false, bits);
    return this.varint64(bits.lo, bits.hi);
  }

  sint64(value: bigint): this {
    bitsFromBigint(value, true, bits);
    zigZagEncode(bits);
    return this.varint64(bits.lo, bits.hi);
  }

  fixed64(value: bigint): this {
    bitsFromBigint(value, false, bits);
    return this.fixed64Bits(bits.lo, bits.hi);
  }

  sfixed64(value: bigint): this {
    bitsFromBigint(value, true, bits);
    return this.fixed64Bits(bits.lo, bits.hi);
  }

  /** same from a decimal string (`--int64 string`) */
  int64String(value: string): this {
    bitsFromString(value, true, bits);
    return this.varint64(bits.lo, bits.hi);
  }

  uint64String(value: string): this {
    bitsFromString(value, false, bits);
    return this.varint64(bits.lo, bits.hi);
  }

  sint64String(value: string): this {
    bitsFromString(value, true, bits);
    zigZagEncode(bits);
    return this.varint64(bits.lo, bits.hi);
  }

  fixed64String(value: string): this {
    bitsFromString(value, false, bits);
    return this.fixed64Bits(bits.lo, bits.hi);
  }

  sfixed64String(value: string): this {
    bitsFromString(value, true, bits);
    return this.fixed64Bits(bits.lo, bits.hi);
  }

  /** same from a JS number (`--int64 number`; exact up to 2^53) */
  int64Number(value: number): this {
    if (value >>> 0 === value) return this.uint32(value);
    bitsFromNumber(value, true, bits);
    return this.varint64(bits.lo, bits.hi);
  }

  uint64Number(value: number): this {
    if (value >>> 0 === value) return this.uint32(value);
    bitsFromNumber(value, false, bits);
    return this.varint64(bits.lo, bits.hi);
  }

  sint64Number(value: number): this {
    if ((value | 0) === value) return this.uint32((value << 1) ^ (value >> 31));
    bitsFromNumber(value, true, bits);
    zigZagEncode(bits);
    return this.varint64(bits.lo, bits.hi);
  }

  fixed64Number(value: number): this {
    bitsFromNumber(value, false, bits);
    return this.fixed64Bits(bits.lo, bits.hi);
  }

  sfixed64Number(value: number): this {
    bitsFromNumber(value, true, bits);
    return this.fixed64Bits(bits.lo, bits.hi);
  }

  /** Length-prefixed UTF-8; lone surrogates become U+FFFD (as TextEncoder). */
  string(value: string): this {
    // Small enough to be inlined into generated code: the common short string.
    const n = value.length;
    const pos = this.pos;
    const buf = this.buf;
    if (n <= 42 && pos + 3 * n < buf.length) {
      // At most 126 bytes of UTF-8: the length prefix is one byte, the text right after it.
      const end = writeUtf8(value, buf, pos + 1);
      buf[pos] = end - pos - 1;
      this.pos = end;
      return this;
    }
    return this.longString(value);
  }

  private longString(value: string): this {
    const n = value.length;
    let pos = this.pos;
    let buf = this.buf;
    // UTF-8 takes between n and 3n bytes; reserve the worst case unless that is wasteful.
    const max = n > HUGE_STRING ? utf8Length(value) : 3 * n;
    if (pos + max + 5 > buf.length) {
      buf = this.grow(max + 5);
      pos = this.pos;
    }
    // Guess the prefix size from the shortest possible encoding; move the text if wrong.
    const guess = varintSize(n);
    const start = pos + guess;
    const end = writeUtf8(value, buf, start);
    const len = end - start;
    const size = varintSize(len);
    if (size !== guess) buf.copyWithin(pos + size, start, end);
    this.pos = pos + size + len;
    let v = len;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos] = v;
    return this;
  }

  /** Length-prefixed bytes. */
  bytes(value: Uint8Array): this {
    return this.uint32(value.length).raw(value);
  }

  /** Appends already-encoded bytes verbatim (unknown fields). */
  raw(value: Uint8Array): this {
    const n = value.length;
    let pos = this.pos;
    let buf = this.buf;
    if (pos + n > buf.length) {
      buf = this.grow(n);
      pos = this.pos;
    }
    if (n <= 32) {
      // A short JS loop beats the fixed cost of TypedArray.prototype.set.
      for (let i = 0; i < n; i++) buf[pos++] = value[i]!;
      this.pos = pos;
    } else {
      buf.set(value, pos);
      this.pos = pos + n;
    }
    return this;
  }

  /**
   * Starts a length-delimited value. Reserves one byte for the length (the
   * common case: under 128 bytes) and returns its position as the mark.
   */
  fork(): number {
    if (this.pos + 1 > this.buf.length) this.grow(1);
    // Relative to `start`, which changes when the message moves to a larger buffer.
    return this.pos++ - this.start;
  }

  /**
   * Ends the value started by the `fork()` that returned `mark`: writes its
   * length there, moving the content right when the length needs more than
   * the one reserved byte. Forks nest; join them innermost first.
   */
  join(mark: number): this {
    const at = this.start + mark;
    const len = this.pos - at - 1;
    if (len < 0x80 && len >= 0) {
      this.buf[at] = len;
      return this;
    }
    return this.joinLong(mark);
  }

  /** join() of 128 bytes or more: the content moves right to make room for a longer prefix. */
  private joinLong(mark: number): this {
    const len = this.pos - (this.start + mark) - 1;
    if (!(len >= 0 && mark >= 0)) throw new RangeError(`Writer.join(${mark}) without a matching fork()`);
    const size = varintSize(len);
    let buf = this.buf;
    if (this.pos + size - 1 > buf.length) buf = this.grow(size - 1);
    const from = this.start + mark; // grow() may have moved the message
    buf.copyWithin(from + size, from + 1, this.pos);
    this.pos += size - 1;
    let v = len;
    let pos = from;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos] = v;
    return this;
  }

  /**
   * The bytes written since the writer was created (or last finished), as
   * an array the caller owns: nothing writes to those bytes again. Small
   * results are views of a shared 8 KiB slab, like Node's pooled Buffers, so
   * `result.buffer` is shared (use `byteOffset`/`byteLength`). Resets the
   * writer, which can be reused.
   */
  finish(): Uint8Array {
    const buf = this.buf;
    const start = this.start;
    const end = this.pos;
    const inSlab = this.inSlab;
    this.buf = EMPTY;
    this.start = this.pos = 0;
    this.inSlab = false;
    lastSize = end - start;
    if (inSlab) {
      const out = new Uint8Array(buf.buffer, buf.byteOffset + start, end - start);
      releaseSlab(buf, end);
      return out;
    }
    const out = copyOut(buf, start, end);
    if (buf !== EMPTY && buf.length <= MAX_POOLED && (scratch === undefined || scratch.length < buf.length)) scratch = buf;
    return out;
  }

  /** Varint of a 64-bit value given as unsigned halves. */
  private varint64(lo: number, hi: number): this {
    let pos = this.pos;
    let buf = this.buf;
    if (pos + 10 > buf.length) {
      buf = this.grow(10);
      pos = this.pos;
    }
    while (hi !== 0) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
    return this;
  }

  private fixed32Bits(v: number): this {
    let pos = this.pos;
    let buf = this.buf;
    if (pos + 4 > buf.length) {
      buf = this.grow(4);
      pos = this.pos;
    }
    buf[pos++] = v & 0xff;
    buf[pos++] = (v >>> 8) & 0xff;
    buf[pos++] = (v >>> 16) & 0xff;
    buf[pos++] = v >>> 24;
    this.pos = pos;
    return this;
  }

  private fixed64Bits(lo: number, hi: number): this {
    let pos = this.pos;
    let buf = this.buf;
    if (pos + 8 > buf.length) {
      buf = this.grow(8);
      pos = this.pos;
    }
    buf[pos++] = lo & 0xff;
    buf[pos++] = (lo >>> 8) & 0xff;
    buf[pos++] = (lo >>> 16) & 0xff;
    buf[pos++] = lo >>> 24;
    buf[pos++] = hi & 0xff;
    buf[pos++] = (hi >>> 8) & 0xff;
    buf[pos++] = (hi >>> 16) & 0xff;
    buf[pos++] = hi >>> 24;
    this.pos = pos;
    return this;
  }
}
