import type { MessageType, PartialMessage } from "../message-type.js";
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
import { encodeTail, movedTail } from "./message-tail.js";
import { type Settings, settingsToPairs } from "./settings.js";

/**
 * Encoders for each frame type of docs/protocol.md, writing into a
 * `FrameWriter`. Lengths are computed first so every frame is written in a
 * single pass; only a message encoded in place patches its frame's length
 * afterwards. Metadata must be validated and its size computed by the
 * caller (`metadataSize`), which also enforces limits.
 */

/** Payload bytes before the tail, left here by the `*Head` writers (no allocation per frame). */
let fieldsLength = 0;

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
  const flags = (endStream ? FLAG_END_STREAM : 0) | (message === undefined ? 0 : FLAG_HAS_MESSAGE);
  const tail = message === undefined ? 0 : message.length;
  writeCallHead(w, callId, pathRef, pathLiteral, timeoutMs, metadata, metadataBytes, flags, tail, message === undefined ? 0 : FrameWriter.tailRoom(message));
  if (message !== undefined) w.bytes(message);
}

/**
 * CALL with its request and END_STREAM, the request encoded in place
 * (message-tail.ts). Returns the request's length; when that is over
 * `maxMessage` nothing was written and the caller fails the call. Throws
 * `RpcError` INTERNAL, having written nothing, when it cannot be encoded.
 */
export function writeCallFrameEncoding<T extends object>(
  w: FrameWriter,
  callId: number,
  pathRef: number,
  pathLiteral: Uint8Array | undefined,
  timeoutMs: number,
  metadata: Metadata | undefined,
  metadataBytes: number,
  type: MessageType<T>,
  message: PartialMessage<T>,
  maxMessage: number,
): number {
  writeCallHead(w, callId, pathRef, pathLiteral, timeoutMs, metadata, metadataBytes, FLAG_END_STREAM | FLAG_HAS_MESSAGE, 0, w.tailGuess);
  return finishInPlace(w, type, message, maxMessage);
}

function writeCallHead(
  w: FrameWriter,
  callId: number,
  pathRef: number,
  pathLiteral: Uint8Array | undefined,
  timeoutMs: number,
  metadata: Metadata | undefined,
  metadataBytes: number,
  flags: number,
  tailLength: number,
  tailRoom: number,
): void {
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
  w.reserve(HEADER_SIZE + fields + tailRoom);
  w.header(fields + tailLength, FRAME_CALL, flags, callId);
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
  fieldsLength = fields;
}

/** MESSAGE (section 4); `flags` may carry END_STREAM. */
export function writeMessageFrame(w: FrameWriter, callId: number, flags: number, message: Uint8Array): void {
  w.reserve(HEADER_SIZE + FrameWriter.tailRoom(message));
  w.header(message.length, FRAME_MESSAGE, flags, callId);
  w.bytes(message);
}

/**
 * MESSAGE with `message` encoded in place (message-tail.ts). Returns its
 * length; when that is over `maxMessage` nothing was written. Throws
 * `RpcError` INTERNAL, having written nothing, when it cannot be encoded.
 */
export function writeMessageFrameEncoding<T extends object>(w: FrameWriter, callId: number, type: MessageType<T>, message: PartialMessage<T>, maxMessage: number): number {
  w.reserve(HEADER_SIZE + w.tailGuess);
  w.header(0, FRAME_MESSAGE, 0, callId);
  fieldsLength = 0;
  return finishInPlace(w, type, message, maxMessage);
}

/** HEADERS (section 5). */
export function writeHeadersFrame(w: FrameWriter, callId: number, metadata: Metadata, metadataBytes: number): void {
  w.reserve(HEADER_SIZE + metadataBytes);
  w.header(metadataBytes, FRAME_HEADERS, 0, callId);
  w.pos = writeMetadata(w.buf, w.pos, metadata);
}

/**
 * END (section 5). `detail` empty means none. The runtime sends replies
 * with `writeEndFrameEncoding`; `message` here is for already encoded bytes.
 */
export function writeEndFrame(
  w: FrameWriter,
  callId: number,
  code: number,
  serverTimeUs: number,
  detail: string,
  trailers: Metadata | undefined,
  trailersBytes: number,
  message?: Uint8Array,
): void {
  const flags = message === undefined ? 0 : FLAG_HAS_MESSAGE;
  const tail = message === undefined ? 0 : message.length;
  writeEndHead(w, callId, code, serverTimeUs, detail, trailers, trailersBytes, flags, tail, message === undefined ? 0 : FrameWriter.tailRoom(message));
  if (message !== undefined) w.bytes(message);
}

/**
 * END OK with the reply, encoded in place (message-tail.ts). Returns the
 * reply's length; when that is over `maxMessage` nothing was written and
 * the caller ends the call otherwise. Throws `RpcError` INTERNAL, having
 * written nothing, when it cannot be encoded.
 */
export function writeEndFrameEncoding<T extends object>(
  w: FrameWriter,
  callId: number,
  serverTimeUs: number,
  trailers: Metadata | undefined,
  trailersBytes: number,
  type: MessageType<T>,
  message: PartialMessage<T>,
  maxMessage: number,
): number {
  writeEndHead(w, callId, 0, serverTimeUs, "", trailers, trailersBytes, FLAG_HAS_MESSAGE, 0, w.tailGuess);
  return finishInPlace(w, type, message, maxMessage);
}

function writeEndHead(
  w: FrameWriter,
  callId: number,
  code: number,
  serverTimeUs: number,
  detail: string,
  trailers: Metadata | undefined,
  trailersBytes: number,
  flags: number,
  tailLength: number,
  tailRoom: number,
): void {
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
  w.reserve(HEADER_SIZE + fields + tailRoom);
  w.header(fields + tailLength, FRAME_END, flags, callId);
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
  fieldsLength = fields;
}

/**
 * Ends the frame whose header and fields were just written (payload length
 * `fieldsLength` so far) with `message` encoded in place, and patches the
 * header's length. Returns the message's length. A message that outgrew
 * the room left in the slab comes back as `movedTail` and is appended as
 * any encoded message is. When the message is over `maxMessage` or throws,
 * the frame is withdrawn: it was never handed to the link, so the slab is
 * simply rewound.
 */
function finishInPlace<T extends object>(w: FrameWriter, type: MessageType<T>, message: PartialMessage<T>, maxMessage: number): number {
  const fields = fieldsLength;
  const frameStart = w.pos - fields - HEADER_SIZE;
  let n: number;
  w.encoding = true;
  try {
    n = encodeTail(w, type, message);
  } catch (err) {
    w.pos = frameStart;
    throw err;
  } finally {
    w.encoding = false;
  }
  const moved = movedTail;
  if (moved !== undefined) n = moved.length;
  // The next like message gets room for all of it (up to the copy limit).
  w.noteTail(n);
  if (n > maxMessage) {
    w.pos = frameStart;
    return n;
  }
  writeU32(w.buf, frameStart, fields + n);
  if (moved !== undefined) w.bytes(moved);
  return n;
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
