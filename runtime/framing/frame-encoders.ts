import type { Metadata } from "../metadata/metadata.js";
import { writeU16, writeU32 } from "./bytes.js";
import {
  FLAG_END_STREAM,
  FLAG_HAS_DEADLINE,
  FLAG_HAS_DETAIL,
  FLAG_HAS_MESSAGE,
  FLAG_HAS_METADATA,
  FLAG_PATH_LITERAL,
  FRAME_CALL,
  FRAME_END,
  FRAME_GOAWAY,
  FRAME_HEADERS,
  FRAME_HELLO,
  FRAME_MESSAGE,
  HEADER_SIZE,
  HELLO_MAGIC,
  MAX_GOAWAY_REASON,
  PROTOCOL_VERSION,
} from "./constants.js";
import { FrameWriter } from "./frame-writer.js";
import { writeMetadata } from "./metadata-block.js";
import { type Settings, settingsToPairs } from "./settings.js";

/**
 * Encoders for each frame type of docs/protocol.md, writing into a
 * `FrameWriter`. Lengths are computed first so every frame is written in a
 * single pass with no back-patching. Metadata must be validated and its
 * size computed by the caller (`metadataSize`), which also enforces limits.
 */

// Results of sizeWithTail (no allocation per frame).
let tailLength = 0;
let tailRoom = 0;

/**
 * Sizes a CALL or END frame of `fields` bytes plus an optional trailing
 * message into `tailLength` (payload) and `tailRoom` (slab bytes to
 * reserve); returns the HAS_MESSAGE flag when there is a message.
 */
function sizeWithTail(fields: number, message: Uint8Array | undefined): number {
  if (message === undefined) {
    tailLength = fields;
    tailRoom = HEADER_SIZE + fields;
    return 0;
  }
  tailLength = fields + message.length;
  tailRoom = HEADER_SIZE + fields + FrameWriter.tailRoom(message);
  return FLAG_HAS_MESSAGE;
}

/** CALL (docs/protocol.md section 3). */
export function writeCallFrame(
  w: FrameWriter,
  callId: number,
  pathRef: number,
  pathLiteral: Uint8Array | undefined,
  timeoutMs: number,
  metadata: Metadata | undefined,
  metadataBytes: number,
  message: Uint8Array | undefined,
  endStream: boolean,
): void {
  let flags = endStream ? FLAG_END_STREAM : 0;
  let fields = 2;
  if (timeoutMs >= 0) {
    flags |= FLAG_HAS_DEADLINE;
    fields += 4;
  }
  if (pathLiteral !== undefined) {
    flags |= FLAG_PATH_LITERAL;
    fields += 2 + pathLiteral.length;
  }
  if (metadata !== undefined) {
    flags |= FLAG_HAS_METADATA;
    fields += 4 + metadataBytes;
  }
  flags |= sizeWithTail(fields, message);
  w.reserve(tailRoom);
  w.header(tailLength, FRAME_CALL, flags, callId);
  const b = w.buf;
  let p = w.pos;
  if (timeoutMs >= 0) {
    writeU32(b, p, timeoutMs);
    p += 4;
  }
  writeU16(b, p, pathRef);
  p += 2;
  if (pathLiteral !== undefined) {
    writeU16(b, p, pathLiteral.length);
    b.set(pathLiteral, p + 2);
    p += 2 + pathLiteral.length;
  }
  if (metadata !== undefined) {
    writeU32(b, p, metadataBytes);
    p = writeMetadata(b, p + 4, metadata);
  }
  w.pos = p;
  if (message !== undefined) w.bytes(message);
}

/** MESSAGE (section 4); `flags` may carry END_STREAM. */
export function writeMessageFrame(w: FrameWriter, callId: number, flags: number, message: Uint8Array): void {
  w.reserve(HEADER_SIZE + FrameWriter.tailRoom(message));
  w.header(message.length, FRAME_MESSAGE, flags, callId);
  w.bytes(message);
}

/** HEADERS (section 5). */
export function writeHeadersFrame(w: FrameWriter, callId: number, metadata: Metadata, metadataBytes: number): void {
  w.reserve(HEADER_SIZE + metadataBytes);
  w.header(metadataBytes, FRAME_HEADERS, 0, callId);
  w.pos = writeMetadata(w.buf, w.pos, metadata);
}

/** END (section 5). `detail` empty means none. */
export function writeEndFrame(
  w: FrameWriter,
  callId: number,
  code: number,
  serverTimeUs: number,
  detail: string,
  trailers: Metadata | undefined,
  trailersBytes: number,
  message: Uint8Array | undefined,
): void {
  let flags = 0;
  let fields = 8;
  const detailBytes = detail.length === 0 ? 0 : Buffer.byteLength(detail, "utf8");
  if (detailBytes > 0) {
    flags |= FLAG_HAS_DETAIL;
    fields += 4 + detailBytes;
  }
  if (trailers !== undefined) {
    flags |= FLAG_HAS_METADATA;
    fields += 4 + trailersBytes;
  }
  flags |= sizeWithTail(fields, message);
  w.reserve(tailRoom);
  w.header(tailLength, FRAME_END, flags, callId);
  const b = w.buf;
  let p = w.pos;
  writeU32(b, p, code >>> 0);
  writeU32(b, p + 4, Math.min(Math.max(0, Math.round(serverTimeUs)), 0xffff_ffff));
  p += 8;
  if (detailBytes > 0) {
    writeU32(b, p, detailBytes);
    p += 4 + b.write(detail, p + 4, "utf8");
  }
  if (trailers !== undefined) {
    writeU32(b, p, trailersBytes);
    p = writeMetadata(b, p + 4, trailers);
  }
  w.pos = p;
  if (message !== undefined) w.bytes(message);
}

/** A frame whose payload is one u32 (CANCEL code, WINDOW increment). */
export function writeU32Frame(w: FrameWriter, type: number, callId: number, value: number): void {
  w.reserve(HEADER_SIZE + 4);
  w.header(4, type, 0, callId);
  writeU32(w.buf, w.pos, value);
  w.pos += 4;
}

/** A frame without payload (HALF_CLOSE). */
export function writeEmptyFrame(w: FrameWriter, type: number, callId: number): void {
  w.reserve(HEADER_SIZE);
  w.header(0, type, 0, callId);
}

/** PING or PONG with its 8 opaque bytes. */
export function writePingFrame(w: FrameWriter, type: number, opaque: Uint8Array): void {
  w.reserve(HEADER_SIZE + 8);
  w.header(8, type, 0, 0);
  w.buf.set(opaque.subarray(0, 8), w.pos);
  w.pos += 8;
}

/** HELLO with every setting (section 2). */
export function writeHelloFrame(w: FrameWriter, settings: Settings): void {
  const pairs = settingsToPairs(settings);
  const length = 6 + pairs.length * 6;
  w.reserve(HEADER_SIZE + length);
  w.header(length, FRAME_HELLO, 0, 0);
  const b = w.buf;
  let p = w.pos;
  writeU32(b, p, HELLO_MAGIC);
  writeU16(b, p + 4, PROTOCOL_VERSION);
  p += 6;
  for (const [id, value] of pairs) {
    writeU16(b, p, id);
    writeU32(b, p + 2, value);
    p += 6;
  }
  w.pos = p;
}

/** GOAWAY (section 8); the reason is cut to 1 KiB. */
export function writeGoawayFrame(w: FrameWriter, lastCallId: number, code: number, reason: string): void {
  const bytes = Buffer.from(reason, "utf8").subarray(0, MAX_GOAWAY_REASON);
  w.reserve(HEADER_SIZE + 8 + bytes.length);
  w.header(8 + bytes.length, FRAME_GOAWAY, 0, 0);
  writeU32(w.buf, w.pos, lastCallId);
  writeU32(w.buf, w.pos + 4, code >>> 0);
  w.buf.set(bytes, w.pos + 8);
  w.pos += 8 + bytes.length;
}
