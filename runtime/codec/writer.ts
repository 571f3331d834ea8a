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
 */
export class Writer {
  uint32(value: number): this { throw new Error("todo"); }
  int32(value: number): this { throw new Error("todo"); }
  sint32(value: number): this { throw new Error("todo"); }
  bool(value: boolean): this { throw new Error("todo"); }
  fixed32(value: number): this { throw new Error("todo"); }
  sfixed32(value: number): this { throw new Error("todo"); }
  float(value: number): this { throw new Error("todo"); }
  double(value: number): this { throw new Error("todo"); }
  /** int64/uint64/sint64/fixed64/sfixed64 from bigint */
  int64(value: bigint): this { throw new Error("todo"); }
  uint64(value: bigint): this { throw new Error("todo"); }
  sint64(value: bigint): this { throw new Error("todo"); }
  fixed64(value: bigint): this { throw new Error("todo"); }
  sfixed64(value: bigint): this { throw new Error("todo"); }
  /** same from a decimal string (`--int64 string`) */
  int64String(value: string): this { throw new Error("todo"); }
  uint64String(value: string): this { throw new Error("todo"); }
  sint64String(value: string): this { throw new Error("todo"); }
  fixed64String(value: string): this { throw new Error("todo"); }
  sfixed64String(value: string): this { throw new Error("todo"); }
  /** same from a JS number (`--int64 number`; exact up to 2^53) */
  int64Number(value: number): this { throw new Error("todo"); }
  uint64Number(value: number): this { throw new Error("todo"); }
  sint64Number(value: number): this { throw new Error("todo"); }
  fixed64Number(value: number): this { throw new Error("todo"); }
  sfixed64Number(value: number): this { throw new Error("todo"); }
  string(value: string): this { throw new Error("todo"); }
  bytes(value: Uint8Array): this { throw new Error("todo"); }
  /** Appends already-encoded bytes verbatim (unknown fields). */
  raw(value: Uint8Array): this { throw new Error("todo"); }
  fork(): number { throw new Error("todo"); }
  join(mark: number): this { throw new Error("todo"); }
  finish(): Uint8Array { throw new Error("todo"); }
}
