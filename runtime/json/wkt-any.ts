/**
 * JSON form of google.protobuf.Any: the packed message's own JSON plus
 * `"@type"`, or `{"@type", "value"}` when the packed type is a well-known type
 * with a special (non-object) JSON form. Packed types are found in the type
 * registry that generated files fill.
 * @internal
 */
import { Reader } from "../codec/reader.js";
import type { JsonValue } from "../message-type.js";
import { describeJson, JsonError } from "./json-error.js";
import { jsonObject, type JsonObject, setJsonField } from "./json-object.js";
import { findType } from "./type-registry.js";

/** Well-known types whose JSON is not an object of their fields. */
const specialJson = new Set([
  "google.protobuf.Any", "google.protobuf.Timestamp", "google.protobuf.Duration",
  "google.protobuf.FieldMask", "google.protobuf.Struct", "google.protobuf.Value",
  "google.protobuf.ListValue", "google.protobuf.DoubleValue", "google.protobuf.FloatValue",
  "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.Int32Value",
  "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
  "google.protobuf.BytesValue",
]);

function typeNameOf(typeUrl: string): string {
  return typeUrl.slice(typeUrl.lastIndexOf("/") + 1);
}

export function anyToJSON(typeUrl: string, value: Uint8Array): JsonValue {
  if (typeUrl === "" && value.length === 0) return {};
  const name = typeNameOf(typeUrl);
  const type = findType(name);
  if (type === undefined) throw new JsonError(`google.protobuf.Any: type ${describeJson(name)} is not registered (import its generated file)`);
  const message = type.read(new Reader(value), value.length);
  const json = type.toJSON(message);
  if (specialJson.has(name)) return { "@type": typeUrl, value: json };
  return { "@type": typeUrl, ...jsonObject(json, name) };
}

export function anyFromJSON(json: JsonValue, where: string): { typeUrl: string; value: Uint8Array } {
  const o: JsonObject = jsonObject(json, where);
  const typeUrl = o["@type"];
  if (typeUrl === undefined && Object.keys(o).length === 0) return { typeUrl: "", value: new Uint8Array(0) };
  if (typeof typeUrl !== "string" || typeUrl === "") throw new JsonError(`${where}: google.protobuf.Any needs a string "@type"`);
  const name = typeNameOf(typeUrl);
  const type = findType(name);
  if (type === undefined) throw new JsonError(`${where}: google.protobuf.Any: type ${describeJson(name)} is not registered (import its generated file)`);
  let message: object;
  if (specialJson.has(name)) {
    const inner = o["value"];
    if (inner === undefined) throw new JsonError(`${where}: google.protobuf.Any of ${name} needs "value"`);
    message = type.fromJSON(inner);
  } else {
    const fields: JsonObject = {};
    for (const [k, v] of Object.entries(o)) if (k !== "@type") setJsonField(fields, k, v);
    message = type.fromJSON(fields);
  }
  return { typeUrl, value: type.encode(message) };
}
