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
export function storeUnknown(message: object, buf: Uint8Array, start: number, end: number): void {
  throw new Error("todo");
}

export function writeUnknown(message: object, w: Writer): void {
  throw new Error("todo");
}

export function unknownEquals(a: object, b: object): boolean {
  throw new Error("todo");
}

/** The raw unknown-field bytes of `message`, or undefined when there are none. */
export function getUnknown(message: object): Uint8Array | undefined {
  throw new Error("todo");
}
