/**
 * Decoded string map keys, from a small cache of recent ones.
 *
 * A property key must be internalized (hashed and looked up in V8's string
 * table), and for a freshly decoded string that costs more than building
 * it: ~70 ns of the ~125 ns a map insert took on our machine. Keys of
 * string-keyed maps (labels, attributes, headers) mostly repeat from
 * message to message, so short ASCII keys are kept in a direct-mapped cache
 * and a repeat returns the string used before, which V8 has already
 * internalized. Measured on bench/codec's large payload (64 labels): label
 * decode 17 -> 14.5 µs. A key that misses costs ~25 ns more than a plain
 * decode (hashing, one comparison, the store), about a tenth of a map
 * entry's decode.
 *
 * Strings are values, so handing out the same string twice is invisible to
 * callers. The cache holds at most SLOTS strings of at most SHORT_DECODE
 * characters.
 * @internal
 */
import { ascii, readUtf8, SHORT_DECODE } from "./utf8.js";

/** A power of two; the slot is picked by a hash of the bytes. */
const SLOTS = 256;
/** "" never matches: keys of length 0 are not cached. */
const cache: string[] = new Array<string>(SLOTS).fill("");

/** `buf[start..end)` decoded as UTF-8 (like `readUtf8`), for use as a map key. */
export function readMapKey(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > SHORT_DECODE || n === 0) return readUtf8(buf, start, end);
  let bits = 0;
  let h = n;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    bits |= b;
    h = (Math.imul(h, 31) + b) | 0;
  }
  if (bits >= 0x80) return readUtf8(buf, start, end);
  const slot = (h ^ (h >>> 8)) & (SLOTS - 1);
  const cached = cache[slot]!;
  if (cached.length === n) {
    // From the end: keys that share a slot and a length often share a prefix ("key-1", "key-9").
    let i = n - 1;
    while (i >= 0 && cached.charCodeAt(i) === buf[start + i]) i--;
    if (i < 0) return cached;
  }
  const key = ascii(buf, start, n);
  cache[slot] = key;
  return key;
}
