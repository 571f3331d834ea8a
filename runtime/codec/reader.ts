/**
 * Protobuf wire-format reader used by generated decoders.
 *
 * CONTRACT (generated code calls exactly these):
 * - `pos` is the read offset into `buf`; `end` is the end of the buffer.
 * - scalar readers consume one value (no tag); `tag()` reads a field key
 *   (returns 0 at `end`? no: generated loops test `r.pos < end` themselves).
 * - `skip(tag)` skips the value of a field whose key was just read (handles
 *   groups, throws RangeError-like CodecError on malformed input).
 * - length-delimited reads (`string`, `bytes`, nested messages via
 *   `uint32()` + a message's `read(r, length)`) never read past `end`.
 * - Errors on malformed input are thrown as `CodecError` (see errors.ts).
 */
export class Reader {
  buf: Uint8Array;
  pos: number;
  end: number;
  constructor(buf: Uint8Array) { this.buf = buf; this.pos = 0; this.end = buf.length; }
  uint32(): number { throw new Error("todo"); }
  int32(): number { throw new Error("todo"); }
  sint32(): number { throw new Error("todo"); }
  bool(): boolean { throw new Error("todo"); }
  fixed32(): number { throw new Error("todo"); }
  sfixed32(): number { throw new Error("todo"); }
  float(): number { throw new Error("todo"); }
  double(): number { throw new Error("todo"); }
  int64(): bigint { throw new Error("todo"); }
  uint64(): bigint { throw new Error("todo"); }
  sint64(): bigint { throw new Error("todo"); }
  fixed64(): bigint { throw new Error("todo"); }
  sfixed64(): bigint { throw new Error("todo"); }
  int64String(): string { throw new Error("todo"); }
  uint64String(): string { throw new Error("todo"); }
  sint64String(): string { throw new Error("todo"); }
  fixed64String(): string { throw new Error("todo"); }
  sfixed64String(): string { throw new Error("todo"); }
  int64Number(): number { throw new Error("todo"); }
  uint64Number(): number { throw new Error("todo"); }
  sint64Number(): number { throw new Error("todo"); }
  fixed64Number(): number { throw new Error("todo"); }
  sfixed64Number(): number { throw new Error("todo"); }
  string(): string { throw new Error("todo"); }
  bytes(): Uint8Array { throw new Error("todo"); }
  /** Skips the value of the field whose key `tag` was just read. */
  skip(tag: number): void { throw new Error("todo"); }
}
