/**
 * Scalar conversions of the proto3 JSON mapping
 * (https://protobuf.dev/programming-guides/json/): what generated
 * `toJSON`/`fromJSON` call per field. Readers accept every form the spec
 * allows (numbers as strings, exponents for integers, "NaN"/"Infinity") and
 * reject the rest with a JsonError naming the field.
 * @internal
 */
import type { JsonValue } from "../message-type.js";
import { base64Decode, base64Encode } from "./base64.js";
import { describeJson, JsonError } from "./json-error.js";

const FLOAT_MAX = 3.4028234663852886e38;

function fail(where: string, what: string, value: unknown): never {
  throw new JsonError(`${where}: invalid ${what}: ${describeJson(value)}`);
}

/** A number from a JSON number or a decimal numeric string. */
function numeric(value: JsonValue, where: string, what: string): number {
  if (typeof value === "number") return value;
  // Decimal only: Number() would also take "0x10", " 1" and "".
  if (typeof value === "string" && /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value)) return Number(value);
  return fail(where, what, value);
}

/** int32, sint32, sfixed32. */
export function int32FromJSON(value: JsonValue, where: string): number {
  const n = numeric(value, where, "int32");
  if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) fail(where, "int32", value);
  return n;
}

/** uint32, fixed32. */
export function uint32FromJSON(value: JsonValue, where: string): number {
  const n = numeric(value, where, "uint32");
  if (!Number.isInteger(n) || n < 0 || n > 4294967295) fail(where, "uint32", value);
  return n;
}

/** Any 64-bit integer type, as a bigint; generated code converts for `--int64 string|number`. */
export function int64FromJSON(value: JsonValue, signed: boolean, where: string): bigint {
  const what = signed ? "int64" : "uint64";
  let n: bigint;
  if (typeof value === "string" && /^-?[0-9]+$/.test(value)) {
    n = BigInt(value);
  } else {
    // Exponent and fraction forms ("1e3", "5.0") are allowed when integral.
    const f = numeric(value, where, what);
    if (!Number.isInteger(f)) fail(where, what, value);
    n = BigInt(f);
  }
  const ok = signed ? n >= -(2n ** 63n) && n < 2n ** 63n : n >= 0n && n < 2n ** 64n;
  if (!ok) fail(where, what, value);
  return n;
}

/** A 64-bit value in any `--int64` representation, as its canonical JSON string. */
export function int64ToJSON(value: bigint | string | number): string {
  return typeof value === "string" ? BigInt(value).toString() : String(value);
}

/** float and double: non-finite values become the strings the spec names. */
export function floatToJSON(value: number): JsonValue {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}

/** float (`single` true: range-checked to 32 bits) and double. */
export function floatFromJSON(value: JsonValue, single: boolean, where: string): number {
  const what = single ? "float" : "double";
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  const n = numeric(value, where, what);
  if (!Number.isFinite(n) || (single && Math.abs(n) > FLOAT_MAX)) fail(where, what, value);
  return n;
}

export function boolFromJSON(value: JsonValue, where: string): boolean {
  return typeof value === "boolean" ? value : fail(where, "bool", value);
}

export function stringFromJSON(value: JsonValue, where: string): string {
  return typeof value === "string" ? value : fail(where, "string", value);
}

export function bytesToJSON(value: Uint8Array): string {
  return base64Encode(value);
}

export function bytesFromJSON(value: JsonValue, where: string): Uint8Array {
  return typeof value === "string" ? base64Decode(value, where) : fail(where, "bytes", value);
}

/** A bool map key: JSON object keys are strings, and only "true"/"false" are bool keys. */
export function boolKeyFromJSON(key: string, where: string): string {
  return key === "true" || key === "false" ? key : fail(where, "bool map key", key);
}
