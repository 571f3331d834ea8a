/**
 * Little-endian float and double bytes through one shared scratch array.
 * A DataView would need one view per buffer (creating one costs more than
 * the copy), so values pass through a Float64Array / Float32Array aliasing
 * 8 scratch bytes and are copied byte by byte.
 * @internal
 */

const f64 = new Float64Array(1);
const f32 = new Float32Array(f64.buffer, 0, 1);
const bytes = new Uint8Array(f64.buffer);

/** Protobuf is little-endian; on a big-endian host the scratch bytes are mirrored. */
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// Byte k of the little-endian encoding lives at scratch index I8[k] (double) / I4[k] (float).
const I8 = littleEndian ? [0, 1, 2, 3, 4, 5, 6, 7] : [7, 6, 5, 4, 3, 2, 1, 0];
const I4 = littleEndian ? [0, 1, 2, 3] : [3, 2, 1, 0];
const [a0, a1, a2, a3, a4, a5, a6, a7] = I8 as [number, number, number, number, number, number, number, number];
const [b0, b1, b2, b3] = I4 as [number, number, number, number];

/** Writes `value` as 8 little-endian bytes at `buf[pos]`. */
export function writeDouble(buf: Uint8Array, pos: number, value: number): void {
  f64[0] = value;
  buf[pos] = bytes[a0]!;
  buf[pos + 1] = bytes[a1]!;
  buf[pos + 2] = bytes[a2]!;
  buf[pos + 3] = bytes[a3]!;
  buf[pos + 4] = bytes[a4]!;
  buf[pos + 5] = bytes[a5]!;
  buf[pos + 6] = bytes[a6]!;
  buf[pos + 7] = bytes[a7]!;
}

/** Reads 8 little-endian bytes at `buf[pos]` as a double. */
export function readDouble(buf: Uint8Array, pos: number): number {
  bytes[a0] = buf[pos]!;
  bytes[a1] = buf[pos + 1]!;
  bytes[a2] = buf[pos + 2]!;
  bytes[a3] = buf[pos + 3]!;
  bytes[a4] = buf[pos + 4]!;
  bytes[a5] = buf[pos + 5]!;
  bytes[a6] = buf[pos + 6]!;
  bytes[a7] = buf[pos + 7]!;
  return f64[0]!;
}

/** Writes `value` rounded to float32 as 4 little-endian bytes at `buf[pos]`. */
export function writeFloat(buf: Uint8Array, pos: number, value: number): void {
  f32[0] = value;
  buf[pos] = bytes[b0]!;
  buf[pos + 1] = bytes[b1]!;
  buf[pos + 2] = bytes[b2]!;
  buf[pos + 3] = bytes[b3]!;
}

/** Reads 4 little-endian bytes at `buf[pos]` as a float32 widened to a number. */
export function readFloat(buf: Uint8Array, pos: number): number {
  bytes[b0] = buf[pos]!;
  bytes[b1] = buf[pos + 1]!;
  bytes[b2] = buf[pos + 2]!;
  bytes[b3] = buf[pos + 3]!;
  return f32[0]!;
}
