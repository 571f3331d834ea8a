/**
 * 64-bit integers as two unsigned 32-bit halves, the form the wire codec
 * works in, and the conversions to and from the three TS representations
 * (`--int64 bigint|string|number`).
 *
 * bigint <-> halves goes through a BigInt64Array aliasing a Uint32Array:
 * V8 compiles typed-array bigint stores and loads inline, while
 * `Number(bigint)` and `BigInt(number)` are runtime calls, 2-3x slower on
 * our machine (see runtime/codec/README.md).
 * @internal
 */

/** Two's complement halves of a 64-bit value, each in [0, 2^32). */
export interface Int64Bits {
  lo: number;
  hi: number;
}

const TWO_32 = 4294967296;

/**
 * Splits an integral number into `out`. Throws RangeError when `value` is
 * not an integer in the signed (or unsigned) 64-bit range.
 */
export function bitsFromNumber(value: number, signed: boolean, out: Int64Bits): void {
  if (!Number.isInteger(value) || value >= (signed ? 2 ** 63 : 2 ** 64) || value < (signed ? -(2 ** 63) : 0)) {
    throw new RangeError(`${signed ? "int64" : "uint64"} out of range: ${value}`);
  }
  // Both are exact for any integral double below 2^64 in magnitude:
  // ToUint32 works on the mathematical value and n / 2^32 is a power-of-two division.
  out.lo = value >>> 0;
  out.hi = Math.floor(value / TWO_32) >>> 0;
}

const big64 = new BigInt64Array(1);
const bigU64 = new BigUint64Array(big64.buffer);
const halves = new Uint32Array(big64.buffer);
// Which half of the 8 scratch bytes is the low one depends on the host's byte order.
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** Splits a bigint into `out`; RangeError outside the signed (or unsigned) 64-bit range. */
export function bitsFromBigint(value: bigint, signed: boolean, out: Int64Bits): void {
  // The typed-array store would silently wrap out-of-range values. V8 compiles
  // asIntN(64)/asUintN(64) inline, cheaper than two comparisons with bigint constants.
  if (signed) {
    if (BigInt.asIntN(64, value) !== value) outOfRange(value, signed);
    big64[0] = value;
  } else {
    if (BigInt.asUintN(64, value) !== value) outOfRange(value, signed);
    bigU64[0] = value;
  }
  out.lo = halves[LO]!;
  out.hi = halves[HI]!;
}

/** Out of line so that the hot conversion stays small enough to inline. */
function outOfRange(value: bigint, signed: boolean): never {
  throw new RangeError(`${signed ? "int64" : "uint64"} out of range: ${value}`);
}

/** Splits a decimal string (as produced by `--int64 string`) into `out`. */
export function bitsFromString(value: string, signed: boolean, out: Int64Bits): void {
  const n = Number(value);
  if (Number.isSafeInteger(n) && value.trim() !== "") {
    bitsFromNumber(n, signed, out);
    return;
  }
  let big: bigint;
  try {
    big = BigInt(value);
  } catch {
    throw new RangeError(`${signed ? "int64" : "uint64"} is not an integer: ${JSON.stringify(value)}`);
  }
  bitsFromBigint(big, signed, out);
}

/** Zig-zag encodes the signed value held in `bits`, in place (sint64). */
export function zigZagEncode(bits: Int64Bits): void {
  const sign = bits.hi >> 31; // 0 or -1
  const hi = ((bits.hi << 1) | (bits.lo >>> 31)) ^ sign;
  bits.lo = ((bits.lo << 1) ^ sign) >>> 0;
  bits.hi = hi >>> 0;
}

/** Zig-zag decodes `bits` in place (sint64), giving two's complement halves. */
export function zigZagDecode(bits: Int64Bits): void {
  const mask = -(bits.lo & 1);
  const lo = ((bits.lo >>> 1) | (bits.hi << 31)) ^ mask;
  bits.hi = ((bits.hi >>> 1) ^ mask) >>> 0;
  bits.lo = lo >>> 0;
}

/** The value of `lo`/`hi` as a bigint, read as two's complement when `signed`. */
export function bitsToBigint(lo: number, hi: number, signed: boolean): bigint {
  halves[LO] = lo;
  halves[HI] = hi;
  return signed ? big64[0]! : bigU64[0]!;
}

/** The value of `lo`/`hi` as a decimal string. */
export function bitsToString(lo: number, hi: number, signed: boolean): string {
  if (hi < 0x200000) return String(hi * TWO_32 + lo);
  if (signed && hi >= 0xffe00000) return String((hi - TWO_32) * TWO_32 + lo);
  return String(bitsToBigint(lo, hi, signed));
}

/** The value of `lo`/`hi` as a number (exact up to 2^53, rounded beyond). */
export function bitsToNumber(lo: number, hi: number, signed: boolean): number {
  if (signed && hi >= 0x80000000) return (hi - TWO_32) * TWO_32 + lo;
  return hi * TWO_32 + lo;
}
