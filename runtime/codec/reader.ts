import { CodecError } from "./codec-error.js";
import { readDouble, readFloat } from "./float-bits.js";
import { bitsToBigint, bitsToNumber, bitsToString, zigZagDecode, type Int64Bits } from "./int64.js";
import { copyOut } from "./slab-pool.js";
import { readMapKey } from "./key-cache.js";
import { readUtf8 } from "./utf8.js";

/** Nesting limit for skipped groups, so hostile input cannot exhaust the stack. */
const MAX_GROUP_DEPTH = 100;

/** Scratch for 64-bit varints as halves (single-threaded, never held across calls). */
const bits: Int64Bits = { lo: 0, hi: 0 };

/** One-byte int64 values are very common (counts, small ids); BigInt() allocates. */
const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: 128 }, (_, i) => BigInt(i));

const WIRE_TYPE_NAMES = ["VARINT", "I64", "LEN", "SGROUP", "EGROUP", "I32", "6", "7"];

/**
 * Protobuf wire-format reader used by generated decoders.
 *
 * CONTRACT (generated code calls exactly these):
 * - `pos` is the read offset into `buf`; `end` is the end of the buffer.
 * - scalar readers consume one value (no tag); generated loops read keys with
 *   `uint32()` and test `r.pos < end` themselves.
 * - `mapKey()` reads the key of a string-keyed map entry (a `string()`
 *   that may reuse a recently decoded string).
 * - `skip(tag)` skips the value of a field whose key was just read (handles
 *   groups, throws CodecError on malformed input).
 * - length-delimited reads (`string`, `bytes`, nested messages via
 *   `uint32()` + a message's `read(r, length)`) never read past `end`.
 * - Errors on malformed input are thrown as `CodecError` (codec-error.ts),
 *   naming what was wrong and the byte offset.
 *
 * Every read is bounds-checked against `end`, so truncated input throws
 * instead of yielding `undefined` bytes, and a length prefix is checked
 * against the remaining bytes before anything is allocated for it.
 */
export class Reader {
  buf: Uint8Array;
  pos: number;
  end: number;

  /** Reads `buf[start, end)`; by default all of `buf`. */
  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** Varint as an unsigned 32-bit value (the low 32 bits of a longer one). Also reads keys and lengths. */
  uint32(): number {
    // One-byte fast path, small enough to be inlined into generated loops.
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.varint32();
  }

  int32(): number {
    return this.uint32() | 0;
  }

  sint32(): number {
    const v = this.uint32();
    return (v >>> 1) ^ -(v & 1);
  }

  bool(): boolean {
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b !== 0;
      }
    }
    this.varint64();
    return (bits.lo | bits.hi) !== 0;
  }

  fixed32(): number {
    return this.fixed32Bits() >>> 0;
  }

  sfixed32(): number {
    return this.fixed32Bits() | 0;
  }

  float(): number {
    const pos = this.need(4, "float");
    this.pos = pos + 4;
    return readFloat(this.buf, pos);
  }

  double(): number {
    const pos = this.need(8, "double");
    this.pos = pos + 8;
    return readDouble(this.buf, pos);
  }

  int64(): bigint {
    return this.varintBigint(true);
  }

  uint64(): bigint {
    return this.varintBigint(false);
  }

  sint64(): bigint {
    this.varint64();
    zigZagDecode(bits);
    return bitsToBigint(bits.lo, bits.hi, true);
  }

  fixed64(): bigint {
    this.fixed64Bits();
    return bitsToBigint(bits.lo, bits.hi, false);
  }

  sfixed64(): bigint {
    this.fixed64Bits();
    return bitsToBigint(bits.lo, bits.hi, true);
  }

  int64String(): string {
    this.varint64();
    return bitsToString(bits.lo, bits.hi, true);
  }

  uint64String(): string {
    this.varint64();
    return bitsToString(bits.lo, bits.hi, false);
  }

  sint64String(): string {
    this.varint64();
    zigZagDecode(bits);
    return bitsToString(bits.lo, bits.hi, true);
  }

  fixed64String(): string {
    this.fixed64Bits();
    return bitsToString(bits.lo, bits.hi, false);
  }

  sfixed64String(): string {
    this.fixed64Bits();
    return bitsToString(bits.lo, bits.hi, true);
  }

  /** 64-bit values as numbers (`--int64 number`): exact up to 2^53, rounded beyond. */
  int64Number(): number {
    this.varint64();
    return bitsToNumber(bits.lo, bits.hi, true);
  }

  uint64Number(): number {
    this.varint64();
    return bitsToNumber(bits.lo, bits.hi, false);
  }

  sint64Number(): number {
    this.varint64();
    zigZagDecode(bits);
    return bitsToNumber(bits.lo, bits.hi, true);
  }

  fixed64Number(): number {
    this.fixed64Bits();
    return bitsToNumber(bits.lo, bits.hi, false);
  }

  sfixed64Number(): number {
    this.fixed64Bits();
    return bitsToNumber(bits.lo, bits.hi, true);
  }

  /** Length-prefixed UTF-8; invalid sequences decode to U+FFFD (as TextDecoder). */
  string(): string {
    const start = this.lengthPrefixed("string");
    return readUtf8(this.buf, start, this.pos);
  }

  /**
   * `string()` for the key of a string-keyed map entry: the same value, but
   * a short ASCII key that repeats comes back as the string decoded before,
   * which is cheaper to insert into the map object (key-cache.ts).
   */
  mapKey(): string {
    const start = this.lengthPrefixed("string");
    return readMapKey(this.buf, start, this.pos);
  }

  /**
   * Length-prefixed bytes, copied: the message does not keep the input
   * buffer alive or change when the caller reuses it.
   */
  bytes(): Uint8Array {
    const start = this.lengthPrefixed("bytes");
    return copyOut(this.buf, start, this.pos);
  }

  /** Skips the value of the field whose key `tag` was just read. */
  skip(tag: number): void {
    this.skipField(tag, 0);
  }

  private skipField(tag: number, depth: number): void {
    if (tag >>> 3 === 0) throw new CodecError(`invalid field number 0 in key ${tag}`, this.pos);
    switch (tag & 7) {
      case 0:
        this.varint64();
        return;
      case 1:
        this.pos = this.need(8, "fixed64 field") + 8;
        return;
      case 2:
        this.lengthPrefixed("length-delimited field");
        return;
      case 3:
        this.skipGroup(tag >>> 3, depth + 1);
        return;
      case 5:
        this.pos = this.need(4, "fixed32 field") + 4;
        return;
      default:
        throw new CodecError(
          (tag & 7) === 4
            ? `END_GROUP for field ${tag >>> 3} without a matching START_GROUP`
            : `invalid wire type ${WIRE_TYPE_NAMES[tag & 7]} for field ${tag >>> 3}`,
          this.pos,
        );
    }
  }

  private skipGroup(field: number, depth: number): void {
    if (depth > MAX_GROUP_DEPTH) throw new CodecError(`groups nested deeper than ${MAX_GROUP_DEPTH}`, this.pos);
    for (;;) {
      if (this.pos >= this.end) throw new CodecError(`group of field ${field} not closed before the end`, this.pos);
      const tag = this.uint32();
      if ((tag & 7) === 4) {
        if (tag >>> 3 !== field) {
          throw new CodecError(`END_GROUP for field ${tag >>> 3} inside the group of field ${field}`, this.pos);
        }
        return;
      }
      this.skipField(tag, depth);
    }
  }

  /**
   * Reads a length prefix, checks it against the remaining bytes before
   * anything is allocated, moves past the value and returns where it starts.
   */
  private lengthPrefixed(what: string): number {
    const at = this.pos;
    const len = this.uint32();
    const start = this.pos;
    if (len > this.end - start) throw this.pastEnd(what, len, at, start);
    this.pos = start + len;
    return start;
  }

  // Errors are built out of line so that the hot readers stay small enough to inline.
  private pastEnd(what: string, len: number, at: number, start: number): CodecError {
    return new CodecError(`${what} length ${len} runs past the end (${this.end - start} bytes left)`, at);
  }

  private truncated(what: string, n: number): CodecError {
    return new CodecError(`truncated ${what}: ${n} bytes needed, ${this.end - this.pos} left`, this.pos);
  }

  /** Checks that `n` bytes remain and returns the current position. */
  private need(n: number, what: string): number {
    const pos = this.pos;
    if (pos + n > this.end) throw this.truncated(what, n);
    return pos;
  }

  private fixed32Bits(): number {
    const buf = this.buf;
    const pos = this.need(4, "fixed32");
    this.pos = pos + 4;
    return buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
  }

  /** Reads 8 little-endian bytes into `bits`. */
  private fixed64Bits(): void {
    const buf = this.buf;
    const pos = this.need(8, "fixed64");
    this.pos = pos + 8;
    bits.lo = (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24)) >>> 0;
    bits.hi = (buf[pos + 4]! | (buf[pos + 5]! << 8) | (buf[pos + 6]! << 16) | (buf[pos + 7]! << 24)) >>> 0;
  }

  private varintBigint(signed: boolean): bigint {
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return SMALL_BIGINTS[b]!;
      }
    }
    return this.longVarintBigint(signed);
  }

  /**
   * A varint of two bytes or more as a bigint. Values below 2^28 (up to four
   * bytes, most counts and ids) skip the 64-bit halves: `BigInt()` of a small
   * integer is cheaper than the typed-array round trip plus the `bits`
   * stores (large decode: 512 packed int64s 10.5 -> 7.5 µs).
   */
  private longVarintBigint(signed: boolean): bigint {
    const buf = this.buf;
    const pos = this.pos;
    if (pos + 4 <= this.end) {
      let b = buf[pos + 1]!;
      let v = (buf[pos]! & 0x7f) | ((b & 0x7f) << 7);
      if (b < 0x80) {
        this.pos = pos + 2;
        return BigInt(v);
      }
      b = buf[pos + 2]!;
      v |= (b & 0x7f) << 14;
      if (b < 0x80) {
        this.pos = pos + 3;
        return BigInt(v);
      }
      b = buf[pos + 3]!;
      v |= (b & 0x7f) << 21;
      if (b < 0x80) {
        this.pos = pos + 4;
        return BigInt(v);
      }
    }
    this.varint64();
    return bitsToBigint(bits.lo, bits.hi, signed);
  }

  /** Multi-byte (or truncated) varint as its low 32 bits. */
  private varint32(): number {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    let value = 0;
    for (let shift = 0; shift < 32; shift += 7) {
      if (pos >= end) throw this.truncatedVarint();
      const b = buf[pos++]!;
      value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    // Five bytes read: a 64-bit varint (e.g. a negative int32) goes on for up to five more.
    for (let i = 0; i < 5; i++) {
      if (pos >= end) throw this.truncatedVarint();
      if (buf[pos++]! < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw new CodecError("varint longer than 10 bytes", this.pos);
  }

  /** Reads a varint of up to 64 bits into `bits`. */
  private varint64(): void {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    let lo = 0;
    let b: number;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.truncatedVarint();
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        bits.lo = lo;
        bits.hi = 0;
        return;
      }
    }
    if (pos >= end) throw this.truncatedVarint();
    b = buf[pos++]!;
    lo |= b << 28; // the low 4 bits land in bits 28..31, the rest fall off
    let hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (shift > 31) throw new CodecError("varint longer than 10 bytes", this.pos);
        if (pos >= end) throw this.truncatedVarint();
        b = buf[pos++]!;
        hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
    }
    this.pos = pos;
    bits.lo = lo >>> 0;
    bits.hi = hi >>> 0;
  }

  private truncatedVarint(): CodecError {
    return new CodecError("truncated varint", this.pos);
  }
}
