/**
 * The proto3 JSON mapping of ordinary messages, driven by their field table
 * (https://protobuf.dev/programming-guides/json/): JSON names on output,
 * JSON or proto names on input, defaults omitted, `null` meaning "unset"
 * except where null is a value (google.protobuf.Value, NullValue). Unknown
 * keys are ignored.
 * @internal
 */
import type { JsonValue } from "../message-type.js";
import { type ResolvedField, type ScalarName, is64, isScalarZero } from "../message/field-info.js";
import { setEntry } from "../message/map-entries.js";
import { jsonArray, jsonEntries, jsonField, jsonObject, type JsonObject } from "./json-object.js";
import {
  boolFromJSON, boolKeyFromJSON, bytesFromJSON, bytesToJSON, floatFromJSON, floatToJSON, int32FromJSON,
  int64FromJSON, int64ToJSON, stringFromJSON, uint32FromJSON,
} from "./json-scalars.js";

type Bag = Record<string, unknown>;
type Int64Mode = "bigint" | "string" | "number";

const NULL_VALUE = "google.protobuf.NullValue";
const VALUE = "google.protobuf.Value";

function scalarToJSON(s: ScalarName, v: unknown): JsonValue {
  if (is64(s)) return int64ToJSON(v as bigint | string | number);
  if (s === "float" || s === "double") return floatToJSON(v as number);
  if (s === "bytes") return bytesToJSON(v as Uint8Array);
  return v as JsonValue;
}

function valueToJSON(f: ResolvedField, v: unknown): JsonValue {
  if (f.m !== undefined) return f.m.toJSON(v as object);
  if (f.e !== undefined) return f.e.typeName === NULL_VALUE ? null : f.e.toJSON(v as number);
  return scalarToJSON(f.s ?? "int32", v);
}

/** A message as a JSON object, by its field table. */
export function messageToJSON(fields: readonly ResolvedField[], message: object): JsonObject {
  const m = message as Bag;
  const o: JsonObject = {};
  for (const f of fields) {
    let v: unknown;
    if (f.oneof !== undefined) {
      const choice = m[f.oneof] as { case: unknown; value?: unknown };
      if (choice.case !== f.prop) continue;
      v = choice.value;
    } else {
      v = m[f.prop];
      if (v === undefined) continue;
      if (f.key !== undefined) {
        const entries = Object.keys(v as Bag);
        if (entries.length === 0) continue;
        const out: JsonObject = {};
        for (const k of entries) setEntry(out, k, valueToJSON(f, (v as Bag)[k]));
        v = out;
        setEntry(o, f.json, out);
        continue;
      }
      if (f.repeated) {
        const list = v as unknown[];
        if (list.length !== 0) setEntry(o, f.json, list.map((e) => valueToJSON(f, e)));
        continue;
      }
      if (f.m === undefined && f.opt === undefined && f.req === undefined) {
        if (f.e !== undefined ? v === 0 : isScalarZero(f.s ?? "int32", v)) continue;
      }
    }
    setEntry(o, f.json, valueToJSON(f, v));
  }
  return o;
}

function scalarFromJSON(s: ScalarName, j: JsonValue, int64: Int64Mode, where: string): unknown {
  if (is64(s)) {
    const big = int64FromJSON(j, s === "int64" || s === "sint64" || s === "sfixed64", where);
    return int64 === "bigint" ? big : int64 === "string" ? String(big) : Number(big);
  }
  switch (s) {
    case "int32": case "sint32": case "sfixed32": return int32FromJSON(j, where);
    case "uint32": case "fixed32": return uint32FromJSON(j, where);
    case "float": return floatFromJSON(j, true, where);
    case "double": return floatFromJSON(j, false, where);
    case "bool": return boolFromJSON(j, where);
    case "string": return stringFromJSON(j, where);
    default: return bytesFromJSON(j, where);
  }
}

function valueFromJSON(f: ResolvedField, j: JsonValue, int64: Int64Mode, where: string): unknown {
  if (f.m !== undefined) return f.m.fromJSON(j);
  if (f.e !== undefined) return f.e.typeName === NULL_VALUE && j === null ? 0 : f.e.fromJSON(j, where);
  return scalarFromJSON(f.s ?? "int32", j, int64, where);
}

function keyFromJSON(key: ScalarName, k: string, where: string): string | number {
  if (key === "string") return k;
  if (key === "bool") return boolKeyFromJSON(k, where);
  if (is64(key)) return String(int64FromJSON(k, key === "int64" || key === "sint64" || key === "sfixed64", where));
  return key === "uint32" || key === "fixed32" ? uint32FromJSON(k, where) : int32FromJSON(k, where);
}

/** Fills `message` (fresh from `new`) from JSON, by its field table. */
export function fillFromJSON(typeName: string, fields: readonly ResolvedField[], message: object, json: JsonValue, int64: Int64Mode): void {
  const o = jsonObject(json, typeName);
  const m = message as Bag;
  for (const f of fields) {
    const v = jsonField(o, f.json, f.name);
    if (v === undefined) continue;
    const nullIsValue = f.repeated === undefined && f.key === undefined
      && (f.m?.typeName === VALUE || f.e?.typeName === NULL_VALUE);
    if (v === null && !nullIsValue) continue;
    const where = `${typeName}.${f.name}`;
    if (f.key !== undefined) {
      const map = m[f.prop] as Bag;
      for (const [k, e] of jsonEntries(v, where)) setEntry(map, String(keyFromJSON(f.key, k, where)), valueFromJSON(f, e, int64, where));
    } else if (f.repeated) {
      m[f.prop] = jsonArray(v, where).map((e) => valueFromJSON(f, e, int64, where));
    } else if (f.oneof !== undefined) {
      m[f.oneof] = { case: f.prop, value: valueFromJSON(f, v, int64, where) };
    } else {
      m[f.prop] = valueFromJSON(f, v, int64, where);
    }
  }
}
