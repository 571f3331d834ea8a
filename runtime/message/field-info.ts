/**
 * The per-message field table generated code hands to `defineMessage`. It
 * drives the parts of a message type that are not on the hot path: create,
 * equals, toJSON and fromJSON. The binary codec never reads it: encode and
 * decode stay straight-line generated code.
 * @internal
 */
import { EMPTY_BYTES } from "../codec/empty-bytes.js";
import type { EnumJson } from "../json/enum-json.js";
import type { MessageType, PartialMessage } from "../message-type.js";
import type { Reader } from "../codec/reader.js";
import type { Writer } from "../codec/writer.js";
import type { JsonValue } from "../message-type.js";

/** Protobuf scalar type names. */
export type ScalarName =
  | "double" | "float" | "int32" | "uint32" | "sint32" | "fixed32" | "sfixed32"
  | "int64" | "uint64" | "sint64" | "fixed64" | "sfixed64" | "bool" | "string" | "bytes";

/**
 * One field. Exactly one of `s` (scalar), `e` (enum) and `m` (message) says
 * what it holds (for maps: what the values are).
 */
export interface FieldInfo {
  /** Name in the .proto (accepted by fromJSON). */
  readonly name: string;
  /** JSON name; defaults to `name`. */
  readonly json?: string;
  /** TS property (for oneof members: the case name); defaults to the JSON name. */
  readonly prop?: string;
  /** The TS property of the oneof this field is a member of. */
  readonly oneof?: string;
  readonly repeated?: true;
  /** Map key type; the field is a map. */
  readonly key?: ScalarName;
  /** Scalar or enum with explicit presence: `undefined` when unset. */
  readonly opt?: true;
  /** proto2 required scalar or enum: always has a value, always in JSON. */
  readonly req?: true;
  readonly s?: ScalarName;
  readonly e?: EnumJson<number>;
  readonly m?: MessageType<object>;
}

/** What `defineMessage` needs to build a `MessageType`. */
export interface MessageSpec<T extends object> {
  readonly typeName: string;
  /** A fresh message with every field at its default. */
  readonly new: () => T;
  /** Appends the fields of a partial message: absent ones as `create()` would fill them. */
  readonly write: (message: PartialMessage<T>, w: Writer) => void;
  readonly read: (r: Reader, length: number, group?: number) => T;
  /** The field table, built on first use (so it may name types declared later). */
  readonly fields: () => readonly FieldInfo[];
  /** TS type of 64-bit fields when not bigint (`--int64 string|number`). */
  readonly int64?: "string" | "number";
  /** Replacements for well-known types with a special JSON form. */
  readonly toJSON?: (message: T) => JsonValue;
  readonly fromJSON?: (json: JsonValue) => T;
}

/** A field with its defaults resolved, as the table-driven helpers use it. */
export interface ResolvedField extends FieldInfo {
  readonly json: string;
  readonly prop: string;
}

/** Resolves defaults of a table once. */
export function resolveFields(fields: readonly FieldInfo[]): ResolvedField[] {
  return fields.map((f) => {
    const json = f.json ?? f.name;
    return { ...f, json, prop: f.prop ?? json };
  });
}

const int64Names = new Set<ScalarName>(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);

/** True for the 64-bit integer types. */
export function is64(s: ScalarName): boolean {
  return int64Names.has(s);
}

/** The zero value of a scalar in the message's int64 representation. */
export function scalarZero(s: ScalarName, int64: "bigint" | "string" | "number"): unknown {
  if (is64(s)) return int64 === "bigint" ? 0n : int64 === "string" ? "0" : 0;
  switch (s) {
    case "bool": return false;
    case "string": return "";
    case "bytes": return EMPTY_BYTES;
    default: return 0;
  }
}

/** True when an implicit-presence scalar holds its zero value (not in JSON). -0.0 counts as set. */
export function isScalarZero(s: ScalarName, value: unknown): boolean {
  if (typeof value === "number") return value === 0 && !Object.is(value, -0);
  if (typeof value === "bigint") return value === 0n;
  if (typeof value === "string") return s === "string" ? value === "" : value === "0";
  if (typeof value === "boolean") return !value;
  return value instanceof Uint8Array && value.length === 0;
}
