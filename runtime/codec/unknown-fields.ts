import type { Writer } from "./writer.js";

/**
 * Unknown fields survive decode -> encode byte for byte. They are kept on the
 * message under a symbol (non-enumerable, so they stay out of spreads and
 * JSON) as the raw bytes of each unknown field (key + value), in arrival order.
 *
 * CONTRACT used by generated code:
 * - decode loop, default branch: `r.skip(tag); storeUnknown(m, r.buf, start, r.pos);`
 *   where `start` is the position before the field key.
 * - end of write(): `writeUnknown(m, w);`
 * - equals(): `unknownEquals(a, b)`.
 */

/**
 * The property key. `Symbol.for`, so that two copies of the runtime in one
 * process (two installed versions) still see each other's unknown fields.
 */
const UNKNOWN: unique symbol = Symbol.for("protostub.unknownFields");

type WithUnknown = { [UNKNOWN]?: Uint8Array };

/**
 * How much of each backing buffer is taken. The property holds an exact
 * view whose buffer has spare room, so a message with many unknown fields
 * appends in amortized O(1) instead of copying everything each time. The
 * room may be used only by the view that ends at the high-water mark: if two
 * messages ever share a view, the second to append copies instead of
 * overwriting the first's bytes.
 */
const used = new WeakMap<ArrayBufferLike, number>();

/** The stored bytes of `message`, if any. */
function stored(message: object): Uint8Array | undefined {
  const value = (message as WithUnknown)[UNKNOWN];
  return value instanceof Uint8Array ? value : undefined;
}

function setStored(message: object, bytes: Uint8Array): void {
  Object.defineProperty(message, UNKNOWN, { value: bytes, writable: true, configurable: true, enumerable: false });
}

/**
 * Appends a copy of `buf[start..end)` (one or more complete unknown fields,
 * key included) to the unknown fields of `message`. Copies, so the message
 * does not keep the decoded buffer alive.
 */
export function storeUnknown(message: object, buf: Uint8Array, start: number, end: number): void {
  const n = end - start;
  if (n <= 0) return;
  const old = stored(message);
  if (old === undefined) {
    // Not `buf.slice`: on a Node Buffer (a socket chunk) that is a view, not a copy.
    const bytes = Uint8Array.prototype.slice.call(buf, start, end);
    used.set(bytes.buffer, n);
    setStored(message, bytes);
    return;
  }
  const oldEnd = old.byteOffset + old.length;
  if (used.get(old.buffer) === oldEnd && old.buffer.byteLength - oldEnd >= n) {
    new Uint8Array(old.buffer, oldEnd, n).set(buf.subarray(start, end));
    used.set(old.buffer, oldEnd + n);
    setStored(message, new Uint8Array(old.buffer, old.byteOffset, old.length + n));
    return;
  }
  const total = old.length + n;
  const backing = new Uint8Array(Math.max(2 * total, 64));
  backing.set(old, 0);
  backing.set(buf.subarray(start, end), old.length);
  used.set(backing.buffer, total);
  setStored(message, backing.subarray(0, total));
}

/** Writes the unknown fields of `message` (if any) to `w`, as they arrived. */
export function writeUnknown(message: object, w: Writer): void {
  const bytes = (message as WithUnknown)[UNKNOWN];
  if (bytes !== undefined) w.raw(bytes);
}

/** Whether `a` and `b` carry the same unknown-field bytes (none on both counts as equal). */
export function unknownEquals(a: object, b: object): boolean {
  const x = stored(a);
  const y = stored(b);
  if (x === undefined || y === undefined) return x === y;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The raw unknown-field bytes of `message`, or undefined when there are none. */
export function getUnknown(message: object): Uint8Array | undefined {
  return stored(message);
}
