/**
 * Object and array access for generated `fromJSON`/`toJSON`.
 * @internal
 */
import type { JsonValue } from "../message-type.js";
import { type AnyMap, setEntry } from "../message/map-entries.js";
import { describeJson, JsonError } from "./json-error.js";

/** A JSON object as generated code reads and builds it. */
export type JsonObject = { [key: string]: JsonValue };

/** `value` as a JSON object (not null, not an array), else a JsonError naming `where`. */
export function jsonObject(value: JsonValue, where: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new JsonError(`${where}: expected a JSON object, got ${describeJson(value)}`);
  }
  return value;
}

/** `value` as a JSON array, else a JsonError naming `where`. */
export function jsonArray(value: JsonValue, where: string): JsonValue[] {
  if (!Array.isArray(value)) throw new JsonError(`${where}: expected a JSON array, got ${describeJson(value)}`);
  return value;
}

/**
 * The value of a field in a JSON object under its JSON name or, as the spec
 * also allows, its proto name. Own properties only, so a key such as
 * "__proto__" or "constructor" never reads something inherited.
 */
export function jsonField(o: JsonObject, jsonName: string, protoName: string): JsonValue | undefined {
  if (Object.prototype.hasOwnProperty.call(o, jsonName)) return o[jsonName];
  if (protoName !== jsonName && Object.prototype.hasOwnProperty.call(o, protoName)) return o[protoName];
  return undefined;
}

/** Sets a member of a JSON object being built; safe for the key "__proto__". */
export function setJsonField(o: JsonObject, key: string, value: JsonValue): void {
  setEntry(o, key, value);
}

/** A map field as a JSON object, each value converted (identity when `convert` is absent). */
export function mapToJSON<V>(map: AnyMap<V>, convert?: (value: V) => JsonValue): JsonObject {
  const out: JsonObject = {};
  const record = map as { readonly [key: string]: V | undefined };
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined) continue;
    setEntry(out, key, convert === undefined ? (value as JsonValue) : convert(value));
  }
  return out;
}

/** The own entries of a JSON object, for reading map fields. */
export function jsonEntries(value: JsonValue, where: string): [string, JsonValue][] {
  return Object.entries(jsonObject(value, where));
}
