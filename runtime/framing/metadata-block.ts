import { EMPTY_METADATA, isBinaryKey, type Metadata, type MetadataValue } from "../metadata/metadata.js";
import { readU32, writeU32 } from "./bytes.js";

/**
 * Metadata blocks of CALL, HEADERS and END frames (docs/protocol.md
 * section 9): entries of key len u8, key, value len u32, value; no count.
 * Callers validate metadata first (`validateMetadata`), so keys and string
 * values are ASCII and their byte length is their string length.
 */

/** Encoded size of `md` in bytes. */
export function metadataSize(md: Metadata): number {
  let n = 0;
  for (const key in md) {
    const value = md[key] as MetadataValue;
    n += 5 + key.length + (typeof value === "string" ? value.length : value.length);
  }
  return n;
}

/** Writes `md` at `pos`; returns the position after it. */
export function writeMetadata(buf: Buffer, pos: number, md: Metadata): number {
  for (const key in md) {
    const value = md[key] as MetadataValue;
    buf[pos] = key.length;
    pos += 1 + buf.write(key, pos + 1, "latin1");
    if (typeof value === "string") {
      writeU32(buf, pos, value.length);
      pos += 4 + buf.write(value, pos + 4, "latin1");
    } else {
      writeU32(buf, pos, value.length);
      buf.set(value, pos + 4);
      pos += 4 + value.length;
    }
  }
  return pos;
}

/**
 * Parses a block from `buf[start, end)`. Returns the metadata, or a string
 * saying what is malformed (a protocol error for the caller).
 */
export function readMetadata(buf: Buffer, start: number, end: number): Metadata | string {
  if (start === end) return EMPTY_METADATA;
  const md: Record<string, MetadataValue> = Object.create(null) as Record<string, MetadataValue>;
  let p = start;
  while (p < end) {
    const keyLen = buf[p] as number;
    const keyEnd = p + 1 + keyLen;
    if (keyLen === 0 || keyEnd + 4 > end) return "metadata entry overruns its block";
    const key = buf.toString("latin1", p + 1, keyEnd);
    const valueLen = readU32(buf, keyEnd);
    const valueEnd = keyEnd + 4 + valueLen;
    if (valueEnd > end) return `metadata value of ${JSON.stringify(key)} overruns its block`;
    // Copy binary values: a view would pin the whole socket chunk.
    md[key] = isBinaryKey(key) ? new Uint8Array(buf.subarray(keyEnd + 4, valueEnd)) : buf.toString("latin1", keyEnd + 4, valueEnd);
    p = valueEnd;
  }
  return md;
}
