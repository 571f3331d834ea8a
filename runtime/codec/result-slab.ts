/**
 * Cheap allocation of the small arrays that `Writer.finish()` and
 * `Reader.bytes()` return.
 *
 * `new Uint8Array(n)` or `slice()` costs a separate ArrayBuffer each, about
 * 300 ns for a 100-byte message on our machine, as much as the whole encode.
 * Small results are instead cut from a shared 8 KiB ArrayBuffer, the way
 * Node's `Buffer.allocUnsafe` pool works: each result is its own view whose
 * bytes nobody else touches, but `result.buffer` is shared (use
 * `byteOffset`/`byteLength`, as with any Node Buffer).
 * @internal
 */

const SLAB_SIZE = 8192;
/** Larger results get their own buffer, so a slab is never mostly one message. */
const MAX_SLABBED = SLAB_SIZE >>> 2;

let slab = new ArrayBuffer(SLAB_SIZE);
let slabUsed = 0;

/** A copy of `src[start..end)` that the caller owns. */
export function copyOut(src: Uint8Array, start: number, end: number): Uint8Array {
  const length = end - start;
  if (length > MAX_SLABBED) return src.slice(start, end);
  // byteLength is 0 once someone transferred a result's buffer to a worker.
  if (slabUsed + length > SLAB_SIZE || slab.byteLength === 0) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabUsed = 0;
  }
  const out = new Uint8Array(slab, slabUsed, length);
  if (length <= 64) {
    // A short JS loop beats the fixed cost of TypedArray.prototype.set.
    for (let i = 0; i < length; i++) out[i] = src[start + i]!;
  } else {
    out.set(src.subarray(start, end));
  }
  // 8-byte alignment lets callers build Float64Array/BigInt64Array views on results.
  slabUsed = (slabUsed + length + 7) & ~7;
  return out;
}
