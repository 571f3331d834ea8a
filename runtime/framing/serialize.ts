import type { MessageType, PartialMessage } from "../message-type.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";

/**
 * A message type may declare that its `encode` accepts partial messages
 * (absent fields written as defaults), which saves a deep `create` copy
 * per message: ~1 µs of the ~3 µs per call on the small bench payload, and
 * more on large ones. See runtime/STUBS.md, "Requests to the codec".
 */
interface MaybePartialEncoder {
  readonly encodesPartial?: boolean;
}

/**
 * Message bytes from the partial message users pass to client methods and
 * return from handlers. Unless the type says its `encode` takes partial
 * messages, `create` fills defaults first, because `encode` takes complete
 * messages (runtime/message-type.ts). Throws `RpcError` INTERNAL when the
 * message cannot be encoded.
 */
export function serialize<T extends object>(type: MessageType<T>, message: PartialMessage<T>): Uint8Array {
  try {
    if ((type as MaybePartialEncoder).encodesPartial === true) return type.encode(message as T);
    return type.encode(type.create(message));
  } catch (err) {
    throw new RpcError(Status.INTERNAL, `cannot encode ${type.typeName}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * The message in `bytes`. Throws `RpcError` INTERNAL when they do not
 * decode (RELIABILITY A6), naming the type and the side (`what`).
 */
export function deserialize<T extends object>(type: MessageType<T>, bytes: Uint8Array, what: string): T {
  try {
    return type.decode(bytes);
  } catch (err) {
    throw new RpcError(Status.INTERNAL, `${what} does not decode as ${type.typeName}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
