/**
 * UTF-8 for protobuf strings, tuned for the short strings most messages
 * carry. A native call (Node's Buffer methods or the Encoding API) costs a
 * fixed ~70-100 ns on our machine, so short strings are converted in plain JS
 * and long ones natively; the thresholds come from measurements in
 * bench/codec (see runtime/codec/README.md).
 *
 * Both directions match the WHATWG Encoding API, which is what
 * @bufbuild/protobuf uses: a lone surrogate is written as U+FFFD, invalid
 * input bytes decode to U+FFFD, and a leading U+FEFF is text, not a BOM.
 * @internal
 */

/** Strings shorter than this (in UTF-16 units) are encoded in JS. */
const SHORT_ENCODE = 16;
/** Byte runs up to this length are decoded in JS when they are ASCII. */
export const SHORT_DECODE = 16;

/** Node's undocumented but long-stable Buffer codec methods (not in @types/node). */
interface NodeUtf8Methods {
  utf8Write(this: Uint8Array, text: string, offset: number, length: number): number;
  utf8Slice(this: Uint8Array, start: number, end: number): string;
}

type NativeEncode = (text: string, buf: Uint8Array, pos: number, room: number) => number;
type NativeDecode = (buf: Uint8Array, start: number, end: number) => string;

/**
 * Node's Buffer methods accept any Uint8Array and skip the subarray that
 * TextEncoder.encodeInto and TextDecoder.decode need; they are checked once
 * here so that another runtime (or a future Node) silently gets the
 * Encoding API instead.
 */
function pickNative(): { encode: NativeEncode; decode: NativeDecode } {
  const proto = (globalThis as { Buffer?: { prototype: Partial<NodeUtf8Methods> } }).Buffer?.prototype;
  const write = proto?.utf8Write;
  const slice = proto?.utf8Slice;
  if (write !== undefined && slice !== undefined) {
    try {
      const probe = new Uint8Array(8);
      const n = write.call(probe, "h\u00e9\ud800", 1, 7);
      if (n === 6 && slice.call(probe, 1, 7) === "h\u00e9\ufffd") {
        return {
          encode: (text, buf, pos, room) => pos + write.call(buf, text, pos, room),
          decode: (buf, start, end) => slice.call(buf, start, end),
        };
      }
    } catch {
      // Not Node's Buffer after all: use the Encoding API below.
    }
  }
  const encoder = new TextEncoder();
  // ignoreBOM: a leading U+FEFF in a protobuf string is content.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  return {
    encode: (text, buf, pos, room) => pos + encoder.encodeInto(text, buf.subarray(pos, pos + room)).written,
    decode: (buf, start, end) => decoder.decode(buf.subarray(start, end)),
  };
}

const native = pickNative();

/**
 * Writes `text` as UTF-8 at `buf[pos]` and returns the position after it.
 * The caller guarantees room for all of it (at most 3 bytes per UTF-16 unit).
 */
export function writeUtf8(text: string, buf: Uint8Array, pos: number): number {
  const n = text.length;
  if (n >= SHORT_ENCODE) return native.encode(text, buf, pos, buf.length - pos);
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      buf[pos++] = c;
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      if ((c & 0xf800) === 0xd800) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (c < 0xdc00 && (next & 0xfc00) === 0xdc00) {
          const cp = 0x10000 + ((c & 0x3ff) << 10) + (next & 0x3ff);
          i++;
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          continue;
        }
        // Lone surrogate: U+FFFD, as TextEncoder does (UTF-8 cannot carry it).
        c = 0xfffd;
      }
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}

const fromCharCode = String.fromCharCode;

/**
 * Decodes `buf[start..end)` as UTF-8. Short ASCII runs are built with one
 * `String.fromCharCode` call (flat strings, no per-character concatenation);
 * everything else goes to the native decoder.
 */
export function readUtf8(buf: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > SHORT_DECODE) return native.decode(buf, start, end);
  let bits = 0;
  for (let i = start; i < end; i++) bits |= buf[i]!;
  if (bits >= 0x80) return native.decode(buf, start, end);
  return ascii(buf, start, n);
}

/**
 * `n` (at most SHORT_DECODE) ASCII bytes at `s` as a string. One call with
 * every byte as an argument gives a flat string; concatenating shorter
 * pieces would leave a rope (V8 ConsString) that costs again when read.
 */
export function ascii(b: Uint8Array, s: number, n: number): string {
  switch (n) {
    case 0: return "";
    case 1: return fromCharCode(b[s]!);
    case 2: return fromCharCode(b[s]!, b[s + 1]!);
    case 3: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!);
    case 11: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!);
    case 12: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!);
    case 13: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!);
    case 14: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!);
    case 15: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!);
    case 16: return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!, b[s + 12]!, b[s + 13]!, b[s + 14]!, b[s + 15]!);
    default: throw new RangeError(`ascii() takes at most 16 bytes, not ${n}`);
  }
}

/** Exact UTF-8 byte length of `text` (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  const n = text.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      len += 1;
    } else if (c < 0xdc00 && c >= 0xd800 && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      len += 2; // the pair: 2 units, 4 bytes
      i++;
    } else {
      len += 2;
    }
  }
  return len;
}
