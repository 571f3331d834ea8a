/**
 * Numbers of the native wire protocol (docs/protocol.md). Every frame type,
 * flag and setting id lives here and nowhere else.
 */

/** Frame header: length u32, type u8, flags u8, call id u32. */
export const HEADER_SIZE = 10;
/** Protocol version carried in HELLO. */
export const PROTOCOL_VERSION = 1;
/** HELLO magic, "PSTB". */
export const HELLO_MAGIC = 0x50535442;
/** Largest payload of a connection frame (call id 0). */
export const MAX_CONNECTION_FRAME = 16 * 1024;
/** Slack on top of message + metadata limits for a call frame's own fields. */
export const CALL_FRAME_SLACK = 1024;
/** Longest GOAWAY reason we send. */
export const MAX_GOAWAY_REASON = 1024;

// Frame types (docs/protocol.md section 1).
export const FRAME_HELLO = 0x01;
export const FRAME_CALL = 0x02;
export const FRAME_MESSAGE = 0x03;
export const FRAME_HALF_CLOSE = 0x04;
export const FRAME_HEADERS = 0x05;
export const FRAME_END = 0x06;
export const FRAME_CANCEL = 0x07;
export const FRAME_WINDOW = 0x08;
export const FRAME_PING = 0x09;
export const FRAME_PONG = 0x0a;
export const FRAME_GOAWAY = 0x0b;

// Flags (meaning per frame type; docs/protocol.md sections 3-5).
/** CALL, MESSAGE: the client sends nothing more on this call. */
export const FLAG_END_STREAM = 0x01;
/** CALL, END: the payload ends with a message. */
export const FLAG_HAS_MESSAGE = 0x02;
/** CALL: a timeout (ms remaining) follows. */
export const FLAG_HAS_DEADLINE = 0x04;
/** END: a status message follows. */
export const FLAG_HAS_DETAIL = 0x04;
/** CALL, END: a metadata block follows. */
export const FLAG_HAS_METADATA = 0x08;
/** CALL: the path is spelled out (and bound to the path ref when non-zero). */
export const FLAG_PATH_LITERAL = 0x10;

// HELLO setting ids (docs/protocol.md section 2).
export const SETTING_MAX_MESSAGE_SIZE = 1;
export const SETTING_MAX_CONCURRENT_CALLS = 2;
export const SETTING_MAX_METADATA_SIZE = 3;
export const SETTING_INITIAL_WINDOW = 4;
export const SETTING_PING_MIN_INTERVAL = 5;

/** Largest call id; a connection that reaches it drains (RELIABILITY E9). */
export const MAX_CALL_ID = 0xffff_ffff;
/** Largest path ref; later paths are sent literally without a ref. */
export const MAX_PATH_REF = 0xffff;

/** Reserved metadata key carrying the request id. */
export const REQUEST_ID_KEY = "x-request-id";
