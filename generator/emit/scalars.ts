import { GeneratorError } from "../errors.js";
import type { ScalarType } from "../model/model.js";
import type { Int64Mode } from "../options.js";
import type { EmitContext } from "./field-shape.js";
import { stringLiteral } from "./names.js";

/** Wire types (protobuf encoding guide, "Message Structure"). */
export const WireType = { varint: 0, i64: 1, len: 2, sgroup: 3, egroup: 4, i32: 5 } as const;

const wireTypes: Record<ScalarType, number> = {
  double: WireType.i64, float: WireType.i32,
  int32: WireType.varint, uint32: WireType.varint, sint32: WireType.varint,
  fixed32: WireType.i32, sfixed32: WireType.i32,
  int64: WireType.varint, uint64: WireType.varint, sint64: WireType.varint,
  fixed64: WireType.i64, sfixed64: WireType.i64,
  bool: WireType.varint, string: WireType.len, bytes: WireType.len,
};

const int64Types = new Set<ScalarType>(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);

/** True for the five 64-bit integer types, whose TS type follows `--int64`. */
export function is64Bit(t: ScalarType): boolean {
  return int64Types.has(t);
}

/** True for the types that may be written packed (everything but string and bytes). */
export function isPackable(t: ScalarType): boolean {
  return t !== "string" && t !== "bytes";
}

/** The wire type a scalar is written with when not packed. */
export function wireTypeOf(t: ScalarType): number {
  return wireTypes[t];
}

/** A field key: `fieldNumber << 3 | wireType`, as the number written before the value. */
export function tagOf(fieldNumber: number, wireType: number): number {
  // Multiplication, not `<<`: field numbers reach 2^29 - 1, whose key overflows int32.
  return fieldNumber * 8 + wireType;
}

/** The TS type of a scalar value. */
export function tsType(t: ScalarType, int64: Int64Mode): string {
  if (is64Bit(t)) return int64;
  switch (t) {
    case "bool": return "boolean";
    case "string": return "string";
    case "bytes": return "Uint8Array";
    default: return "number";
  }
}

/**
 * The Reader/Writer method for a scalar: the type name itself, with
 * `String`/`Number` appended for 64-bit types under `--int64 string|number`.
 */
export function codecMethod(t: ScalarType, int64: Int64Mode): string {
  if (!is64Bit(t) || int64 === "bigint") return t;
  return int64 === "string" ? `${t}String` : `${t}Number`;
}

/** The zero value of a scalar as a TS expression. */
export function zeroValue(t: ScalarType, int64: Int64Mode): string {
  if (is64Bit(t)) return int64 === "bigint" ? "0n" : int64 === "string" ? '"0"' : "0";
  switch (t) {
    case "bool": return "false";
    case "string": return '""';
    case "bytes": return "new Uint8Array(0)";
    default: return "0";
  }
}

/**
 * `zeroValue` as generated code of this file spells it: `bytes` fields share
 * the runtime's frozen `EMPTY_BYTES` (a fresh array per message cost 7% of
 * decoding the small bench message, runtime/codec/README.md).
 */
export function zeroOf(ctx: EmitContext, t: ScalarType): string {
  return t === "bytes" ? ctx.imports.runtime("EMPTY_BYTES") : zeroValue(t, ctx.options.int64);
}

/**
 * A condition that is true when `expr` is set and differs from the zero
 * value, i.e. when an implicit-presence field is written and appears in
 * JSON. `expr` may be `undefined` (write functions take partial messages,
 * where an absent field means its default). -0.0 counts as set, as in
 * protoc's C++ runtime, which compares bit patterns.
 *
 * Where truthiness says exactly that (strings, bool, bigint, 32-bit ints,
 * where NaN is not a value), the condition is the bare expression: smaller
 * write functions keep V8 inlining the writer's methods into them (the
 * two-comparison form cost the large bench payload's encode ~5%).
 */
export function nonZeroCondition(t: ScalarType, int64: Int64Mode, expr: string): string {
  const set = `${expr} !== undefined`;
  // --int64 number: NaN must reach the writer, which rejects it; --int64 string: "0" is truthy.
  if (is64Bit(t)) return int64 === "bigint" ? expr : `${set} && ${expr} !== ${zeroValue(t, int64)}`;
  switch (t) {
    case "bytes": return `${set} && ${expr}.length !== 0`;
    case "float":
    case "double": return `${set} && (${expr} !== 0 || 1 / ${expr} < 0)`;
    default: return expr;
  }
}

/**
 * The TS literal for a proto2 `default_value` (descriptor.proto text form:
 * decimal numbers, `inf`/`-inf`/`nan`, `true`/`false`, raw strings, C-escaped
 * bytes).
 */
export function defaultLiteral(t: ScalarType, int64: Int64Mode, text: string, where: string): string {
  const bad = (): never => {
    throw new GeneratorError(`invalid default value ${stringLiteral(text)} for ${t} field ${where}`);
  };
  if (is64Bit(t)) {
    if (!/^-?\d+$/.test(text)) bad();
    const normalized = BigInt(text).toString();
    return int64 === "bigint" ? `${normalized}n` : int64 === "string" ? stringLiteral(normalized) : normalized;
  }
  switch (t) {
    case "bool":
      return text === "true" ? "true" : text === "false" ? "false" : bad();
    case "string":
      return stringLiteral(text);
    case "bytes":
      return bytesLiteral(unescapeC(text, where));
    case "float":
    case "double": {
      if (text === "inf") return "Infinity";
      if (text === "-inf") return "-Infinity";
      if (text === "nan") return "NaN";
      const n = Number(text);
      return Number.isNaN(n) || text.trim() === "" ? bad() : String(n);
    }
    default: {
      // protobufjs and protoc both hand us decimal text, but accept hex/octal too.
      const n = /^-?0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : Number(text);
      return Number.isInteger(n) ? String(n) : bad();
    }
  }
}

function bytesLiteral(bytes: number[]): string {
  return bytes.length === 0 ? "new Uint8Array(0)" : `new Uint8Array([${bytes.join(", ")}])`;
}

/** Decodes descriptor.proto's C escaping of a bytes default (`\n`, `\\`, `\001`, `\x41`). */
function unescapeC(text: string, where: string): number[] {
  const out: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch !== "\\") {
      out.push(...utf8.encode(ch));
      continue;
    }
    const next = text.charAt(++i);
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, '"': 34, "'": 39, "\\": 92, "?": 63, a: 7, b: 8, f: 12, v: 11 };
    const code = simple[next];
    if (code !== undefined) {
      out.push(code);
    } else if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(text.charAt(i + 1))) digits += text.charAt(++i);
      out.push(parseInt(digits, 8) & 0xff);
    } else if (next === "x" || next === "X") {
      let digits = "";
      while (digits.length < 2 && /[0-9a-fA-F]/.test(text.charAt(i + 1))) digits += text.charAt(++i);
      if (digits === "") throw new GeneratorError(`invalid \\x escape in bytes default of ${where}`);
      out.push(parseInt(digits, 16));
    } else {
      throw new GeneratorError(`invalid escape \\${next} in bytes default of ${where}`);
    }
  }
  return out;
}
