import { Writer } from "../codec/writer.js";
import type { MessageType, PartialMessage } from "../message-type.js";
import type { FrameWriter } from "./frame-writer.js";
import { encodeError, serialize } from "./serialize.js";

/**
 * Messages encoded straight into the frame slab, as the tail of the frame
 * being written: no array of their own, no second copy. For the bench's
 * 106-byte request that is 110-160 ns of the ~800 ns an encode costs.
 *
 * Only generated types (`encodesPartial`) are written in place: their
 * `write` is the codec itself. A message that outgrows the room left in
 * the slab moves to the writer's own buffer and comes back as `movedTail`,
 * which the caller sends as it would any encoded message.
 */

const writer = new Writer();
/** Set while `writer` is in use: a getter on a message that starts another call gets its own encode. */
let busy = false;

/** The bytes of the last `encodeTail` when it returned -1; undefined when it stayed in place. */
export let movedTail: Uint8Array | undefined;

/**
 * Encodes `message` at `w.pos`. Returns its length, with `w.pos` after it,
 * when it stayed in the slab; -1 when it did not, with `w.pos` unchanged
 * and the bytes in `movedTail`. Throws `RpcError` INTERNAL when the message
 * cannot be encoded, with `w.pos` unchanged.
 */
export function encodeTail<T extends object>(w: FrameWriter, type: MessageType<T>, message: PartialMessage<T>): number {
  movedTail = undefined;
  if (busy || type.encodesPartial !== true) {
    movedTail = serialize(type, message);
    return -1;
  }
  const buf = w.buf;
  const start = w.pos;
  busy = true;
  try {
    writer.beginInPlace(buf, start);
    type.write(message, writer);
    const end = writer.endInPlace(buf);
    if (end >= 0) {
      w.pos = end;
      return end - start;
    }
    movedTail = writer.finish();
    return -1;
  } catch (err) {
    throw encodeError(type, err);
  } finally {
    busy = false;
  }
}
