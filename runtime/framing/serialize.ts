import { Reader } from "../codec/reader.js";
import type { MessageType, PartialMessage } from "../message-type.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";

/**
 * Message bytes from the partial message users pass to client methods and
 * return from handlers. Generated types encode partial messages directly
 * (`encodesPartial`, runtime/message-type.ts), which saves a deep `create`
 * copy per message (20-26% of RPC CPU in profiles); for other types `create`
 * fills the defaults first. Throws `RpcError` INTERNAL when the message
 * cannot be encoded.
 */
export function serialize<T extends object>(type: MessageType<T>, message: PartialMessage<T>): Uint8Array {
  try {
    // `encode` is declared over complete messages; `encodesPartial` is the type's word that it takes partial ones.
    if (type.encodesPartial === true) return type.encode(message as T);
    return type.encode(type.create(message));
  } catch (err) {
    throw encodeError(type, err);
  }
}

/** The `RpcError` for a message of `type` that could not be encoded. */
export function encodeError(type: MessageType<object>, err: unknown): RpcError {
  return new RpcError(Status.INTERNAL, `cannot encode ${type.typeName}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/**
 * The message in `bytes`. Throws `RpcError` INTERNAL when they do not
 * decode (RELIABILITY A6), naming the type and the side (`what`).
 */
export function deserialize<T extends object>(type: MessageType<T>, bytes: Uint8Array, what: string): T {
  return deserializeRange(type, bytes, 0, bytes.length, what);
}

const EMPTY = new Uint8Array(0);
/**
 * One Reader for every in-place decode: a decode runs to its end without
 * user code, so it cannot start another, and a Reader per message was 72
 * of the ~1.2 KB a small unary call allocates on the server. `reading`
 * guards against re-entry all the same.
 */
const reader = new Reader(EMPTY);
let reading = false;

/**
 * `deserialize` of `buf[start, end)`. Generated types (`encodesPartial`)
 * read it in place, so a frame's message is decoded straight from the
 * socket chunk: a Buffer view of it would cost about as much as reading a
 * small message's scalars. Other types get a view and their own `decode`.
 */
export function deserializeRange<T extends object>(type: MessageType<T>, buf: Uint8Array, start: number, end: number, what: string): T {
  try {
    if (type.encodesPartial !== true) return type.decode(start === 0 && end === buf.length ? buf : buf.subarray(start, end));
    if (reading) return type.read(new Reader(buf, start, end), end - start);
    reading = true;
    reader.buf = buf;
    reader.pos = start;
    reader.end = end;
    try {
      return type.read(reader, end - start);
    } finally {
      reading = false;
      // Do not keep the socket chunk alive.
      reader.buf = EMPTY;
    }
  } catch (err) {
    throw new RpcError(Status.INTERNAL, `${what} does not decode as ${type.typeName}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
