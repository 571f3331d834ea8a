/**
 * Builds a generated message's `MessageType` from its straight-line codec
 * functions and its field table. Encode and decode call the generated
 * functions directly; create, equals and the JSON mapping are table-driven
 * (see table-ops.ts and ../json/message-json.ts), which keeps generated
 * files small without touching the codec's speed.
 */
import { Reader } from "../codec/reader.js";
import { Writer } from "../codec/writer.js";
import { fillFromJSON, messageToJSON } from "../json/message-json.js";
import type { JsonValue, MessageType, PartialMessage } from "../message-type.js";
import { type MessageSpec, type ResolvedField, resolveFields } from "./field-info.js";
import { equalsByFields, fillFromInit } from "./table-ops.js";

/** The `MessageType` of a generated message. */
export function defineMessage<T extends object>(spec: MessageSpec<T>): MessageType<T> {
  let table: ResolvedField[] | undefined;
  const fields = (): ResolvedField[] => (table ??= resolveFields(spec.fields()));
  const int64 = spec.int64 ?? "bigint";
  const { write, read } = spec;
  const fresh = spec.new;
  return {
    typeName: spec.typeName,
    create(init?: PartialMessage<T>): T {
      const m = fresh();
      if (init !== undefined) fillFromInit(fields(), m, init, int64);
      return m;
    },
    encode(message: T): Uint8Array {
      const w = new Writer();
      // A complete message is a partial one with nothing left out; TS cannot prove that for a generic T.
      write(message as PartialMessage<T>, w);
      return w.finish();
    },
    encodesPartial: true,
    decode(bytes: Uint8Array): T {
      return read(new Reader(bytes), bytes.length);
    },
    toJSON: spec.toJSON ?? ((message: T): JsonValue => messageToJSON(fields(), message)),
    fromJSON: spec.fromJSON ?? ((json: JsonValue): T => {
      const m = fresh();
      fillFromJSON(spec.typeName, fields(), m, json, int64);
      return m;
    }),
    equals(a: T, b: T): boolean {
      return equalsByFields(fields(), a, b);
    },
    write,
    read,
  };
}
