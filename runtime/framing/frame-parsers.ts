import { readU16, readU32 } from "./bytes.js";
import {
  FLAG_HAS_DEADLINE,
  FLAG_HAS_DETAIL,
  FLAG_HAS_MESSAGE,
  FLAG_HAS_METADATA,
  FLAG_PATH_LITERAL,
  HELLO_MAGIC,
  PROTOCOL_VERSION,
} from "./constants.js";
import { type Settings, settingsFromPairs } from "./settings.js";

/**
 * Parsers for frame payloads (docs/protocol.md). At this protocol edge they
 * return a value or a string naming what is malformed, never throw. The
 * per-call ones fill a reusable head object with offsets instead of
 * allocating, since they run once per call.
 */

/** Parts of a CALL payload as offsets into the frame's buffer; -1 = absent. */
export class CallHead {
  timeoutMs = -1;
  pathRef = 0;
  pathStart = -1;
  pathEnd = -1;
  mdStart = -1;
  mdEnd = -1;
  msgStart = -1;
  msgEnd = -1;
}

/** Fills `out` from a CALL payload; returns an error reason or undefined. */
export function parseCallHead(buf: Uint8Array, start: number, end: number, flags: number, out: CallHead): string | undefined {
  let p = start;
  if ((flags & FLAG_HAS_DEADLINE) !== 0) {
    if (p + 4 > end) return "CALL frame too short for its timeout";
    out.timeoutMs = readU32(buf, p);
    p += 4;
  } else {
    out.timeoutMs = -1;
  }
  if (p + 2 > end) return "CALL frame too short for its path ref";
  out.pathRef = readU16(buf, p);
  p += 2;
  if ((flags & FLAG_PATH_LITERAL) !== 0) {
    if (p + 2 > end) return "CALL frame too short for its path length";
    const n = readU16(buf, p);
    if (p + 2 + n > end) return `CALL path length ${n} exceeds the frame`;
    out.pathStart = p + 2;
    out.pathEnd = p + 2 + n;
    p += 2 + n;
  } else {
    out.pathStart = -1;
    out.pathEnd = -1;
  }
  p = readBlock(buf, p, end, (flags & FLAG_HAS_METADATA) !== 0);
  if (p < 0) return "CALL metadata length exceeds the frame";
  out.mdStart = blockStart;
  out.mdEnd = blockEnd;
  return finishMessage(p, end, flags, out, "CALL");
}

/** Parts of an END payload as offsets; -1 = absent. */
export class EndHead {
  code = 0;
  serverTimeUs = 0;
  detailStart = -1;
  detailEnd = -1;
  mdStart = -1;
  mdEnd = -1;
  msgStart = -1;
  msgEnd = -1;
}

/** Fills `out` from an END payload; returns an error reason or undefined. */
export function parseEndHead(buf: Uint8Array, start: number, end: number, flags: number, out: EndHead): string | undefined {
  if (start + 8 > end) return "END frame too short for its status";
  out.code = readU32(buf, start);
  out.serverTimeUs = readU32(buf, start + 4);
  let p = readBlock(buf, start + 8, end, (flags & FLAG_HAS_DETAIL) !== 0);
  if (p < 0) return "END detail length exceeds the frame";
  out.detailStart = blockStart;
  out.detailEnd = blockEnd;
  p = readBlock(buf, p, end, (flags & FLAG_HAS_METADATA) !== 0);
  if (p < 0) return "END trailers length exceeds the frame";
  out.mdStart = blockStart;
  out.mdEnd = blockEnd;
  return finishMessage(p, end, flags, out, "END");
}

// Results of readBlock, so it needs no allocation and no out-parameter type games.
let blockStart = -1;
let blockEnd = -1;

/** Reads an optional u32-length-prefixed block at p; returns the position after it, -1 if it overruns. */
function readBlock(buf: Uint8Array, p: number, end: number, present: boolean): number {
  blockStart = -1;
  blockEnd = -1;
  if (!present) return p;
  if (p + 4 > end) return -1;
  const n = readU32(buf, p);
  if (p + 4 + n > end) return -1;
  blockStart = p + 4;
  blockEnd = blockStart + n;
  return blockEnd;
}

function finishMessage(p: number, end: number, flags: number, out: CallHead | EndHead, what: string): string | undefined {
  if ((flags & FLAG_HAS_MESSAGE) !== 0) {
    out.msgStart = p;
    out.msgEnd = end;
    return undefined;
  }
  out.msgStart = -1;
  out.msgEnd = -1;
  return p === end ? undefined : `${what} frame has ${end - p} trailing bytes`;
}

/** Settings from a HELLO payload, or an error reason. */
export function parseHello(buf: Uint8Array, start: number, end: number): Settings | string {
  if (end - start < 6 || readU32(buf, start) !== HELLO_MAGIC) return "not a protostub peer (bad HELLO magic)";
  const version = readU16(buf, start + 4);
  if (version !== PROTOCOL_VERSION) return `unsupported protocol version ${version} (this side speaks ${PROTOCOL_VERSION})`;
  if ((end - start - 6) % 6 !== 0) return "HELLO settings are not whole 6-byte entries";
  const pairs: [number, number][] = [];
  for (let p = start + 6; p < end; p += 6) pairs.push([readU16(buf, p), readU32(buf, p + 2)]);
  return settingsFromPairs(pairs);
}

/** A parsed GOAWAY. */
export interface Goaway {
  readonly lastCallId: number;
  readonly code: number;
  readonly reason: string;
}

/** GOAWAY fields, or an error reason. */
export function parseGoaway(buf: Buffer, start: number, end: number): Goaway | string {
  if (end - start < 8) return "GOAWAY frame too short";
  return { lastCallId: readU32(buf, start), code: readU32(buf, start + 4), reason: buf.toString("utf8", start + 8, end) };
}
