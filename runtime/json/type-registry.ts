/**
 * Message types by fully qualified name, for `google.protobuf.Any` in JSON:
 * `{"@type": "type.googleapis.com/pkg.Msg", ...}` needs the type to turn the
 * packed bytes into fields and back. Every generated file registers its
 * messages when it is imported, so any type a program can name is found.
 */
import type { MessageType } from "../message-type.js";

const types = new Map<string, MessageType<object>>();

/** Adds message types (called by generated files at import). Later registrations of a name win. */
export function registerTypes(...list: MessageType<object>[]): void {
  for (const type of list) types.set(type.typeName, type);
}

/** The registered type named `typeName` (no leading dot), if any. */
export function findType(typeName: string): MessageType<object> | undefined {
  return types.get(typeName);
}
