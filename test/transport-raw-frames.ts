/**
 * Raw protocol frames for tests that play a hostile or scripted peer on a
 * plain socket (docs/protocol.md section 1).
 */
import { writeU16, writeU32 } from "../runtime/framing/bytes.js";
import { FRAME_GOAWAY, FRAME_HELLO, HEADER_SIZE, HELLO_MAGIC, PROTOCOL_VERSION } from "../runtime/framing/constants.js";

/** A frame; `claim` lets the header lie about the payload length. */
export function frame(type: number, flags: number, callId: number, payload: Uint8Array = new Uint8Array(0), claim = payload.length): Buffer {
  const b = Buffer.alloc(HEADER_SIZE + payload.length);
  writeU32(b, 0, claim);
  b[4] = type;
  b[5] = flags;
  writeU32(b, 6, callId);
  b.set(payload, HEADER_SIZE);
  return b;
}

/** A HELLO with the default settings. */
export function helloFrame(): Buffer {
  const p = Buffer.alloc(6);
  writeU32(p, 0, HELLO_MAGIC);
  writeU16(p, 4, PROTOCOL_VERSION);
  return frame(FRAME_HELLO, 0, 0, p);
}

/** A GOAWAY with status `code` (default OK). */
export function goawayFrame(lastCallId: number, reason: string, code = 0): Buffer {
  const r = Buffer.from(reason);
  const p = Buffer.alloc(8 + r.length);
  writeU32(p, 0, lastCallId);
  writeU32(p, 4, code);
  r.copy(p, 8);
  return frame(FRAME_GOAWAY, 0, 0, p);
}
