/**
 * Cheap allocation of the small arrays that `Writer.finish()` and
 * `Reader.bytes()` return.
 *
 * A separate ArrayBuffer per result (`new Uint8Array(n)`, `slice()`) costs
 * about 300 ns for a 100-byte message on our machine, as much as the whole
 * encode. Small results are instead views of shared 8 KiB slabs, the way
 * Node's `Buffer.allocUnsafe` pool works: the bytes of each result are its
 * own (nothing writes them again), but `result.buffer` is shared; use
 * `byteOffset`/`byteLength`, as with any Node Buffer.
 *
 * There is one free slab at a time. Whoever writes into it takes it
 * (`takeSlab`), so that two writers active at once never share one, and
 * gives it back with what it used (`releaseSlab`). A slab taken and never
 * given back (a writer dropped by an exception) is simply garbage: the next
 * taker gets a new one.
 * @internal
 */

export const SLAB_SIZE = 8192;
/** A slab with less room than this left is retired. */
const MIN_ROOM = 512;
/** Results larger than this get their own buffer, so a slab is never mostly one message. */
const MAX_SLABBED = SLAB_SIZE >>> 2;

let free: Uint8Array | undefined;
/**
 * `free.buffer`, kept beside it: the getter costs about as much as
 * building the view of a small result (`copyOut`). Slabs start at offset 0.
 */
let freeBuffer: ArrayBufferLike = new ArrayBuffer(0);
let freeFrom = 0;

/** Where the room of the slab last returned by `takeSlab()` starts. */
export let takenFrom = 0;

/** Takes the free slab (or a new one when there is none with room); its room starts at `takenFrom`. */
export function takeSlab(): Uint8Array {
  const slab = free;
  // length is 0 once someone transferred a result's buffer to a worker.
  if (slab !== undefined && slab.length - freeFrom >= MIN_ROOM) {
    free = undefined;
    takenFrom = freeFrom;
    return slab;
  }
  takenFrom = 0;
  return new Uint8Array(SLAB_SIZE);
}

/** Gives a slab back; `[0, usedTo)` stays with the results cut from it. */
export function releaseSlab(slab: Uint8Array, usedTo: number): void {
  // 8-byte alignment lets callers build Float64Array/BigInt64Array views on results.
  const from = (usedTo + 7) & ~7;
  const room = slab.length - from;
  if (room >= MIN_ROOM && (free === undefined || room > free.length - freeFrom)) {
    free = slab;
    freeBuffer = slab.buffer;
    freeFrom = from;
  }
}

const uint8Slice = Uint8Array.prototype.slice;

/**
 * A copy of `src[start..end)` that the caller owns: a view cut from the
 * free slab (96 bytes of heap for the view; an array of its own, even one
 * V8 keeps inside the heap, takes 209 for 8 bytes of content).
 */
export function copyOut(src: Uint8Array, start: number, end: number): Uint8Array {
  const length = end - start;
  // Not `src.slice`: on a Node Buffer (a socket chunk) that is a view, not a copy.
  if (length > MAX_SLABBED) return uint8Slice.call(src, start, end);
  let at = freeFrom;
  if (free === undefined || free.length - at < length) {
    // None free (a writer holds it) or too little room: start a new one.
    free = new Uint8Array(SLAB_SIZE);
    freeBuffer = free.buffer;
    at = 0;
  }
  const out = new Uint8Array(freeBuffer, at, length);
  if (length <= 64) {
    // A short JS loop beats the fixed cost of TypedArray.prototype.set.
    for (let i = 0; i < length; i++) out[i] = src[start + i]!;
  } else {
    out.set(src.subarray(start, end));
  }
  // 8-byte alignment, as releaseSlab.
  freeFrom = (at + length + 7) & ~7;
  if (SLAB_SIZE - freeFrom < MIN_ROOM) free = undefined;
  return out;
}
