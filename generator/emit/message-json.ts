/**
 * The proto3 JSON mapping of a message as statements: `toJSON` writes JSON
 * names and omits fields at their default (implicit presence) or unset;
 * `fromJSON` accepts JSON and proto names, treats `null` as unset (except
 * where null is a value: google.protobuf.Value and NullValue), and ignores
 * keys it does not know.
 */
import type { EmitContext, FieldShape, MemberShape, OneofShape, ValueShape } from "./field-shape.js";
import { isNumberKey } from "./message-codec.js";
import { stringLiteral } from "./names.js";
import { is64Bit, nonZeroCondition } from "./scalars.js";

const indent = (lines: readonly string[]): string[] => lines.map((l) => (l === "" ? l : `  ${l}`));

const NULL_VALUE = "google.protobuf.NullValue";
const VALUE = "google.protobuf.Value";

/** True when JSON `null` is a value of this type rather than "unset". */
function nullIsValue(v: ValueShape): boolean {
  return (v.kind === "enum" && v.ref.typeName === NULL_VALUE) || (v.kind === "message" && v.ref.typeName === VALUE);
}

/** An expression converting `x` to JSON; undefined when `x` already is JSON. */
function toJSONExpr(ctx: EmitContext, v: ValueShape, x: string): string | undefined {
  const rt = (name: string): string => ctx.imports.runtime(name);
  if (v.kind === "message") return `${v.ref.toJSON}(${x})`;
  if (v.kind === "enum") return v.ref.typeName === NULL_VALUE ? "null" : `${v.ref.json}.toJSON(${x})`;
  if (is64Bit(v.scalar)) return `${rt("int64ToJSON")}(${x})`;
  switch (v.scalar) {
    case "float":
    case "double": return `${rt("floatToJSON")}(${x})`;
    case "bytes": return `${rt("bytesToJSON")}(${x})`;
    default: return undefined;
  }
}

/** An expression reading JSON value `e` as a field value. */
function fromJSONExpr(ctx: EmitContext, v: ValueShape, e: string, where: string): string {
  const rt = (name: string): string => ctx.imports.runtime(name);
  const w = stringLiteral(where);
  if (v.kind === "message") return `${v.ref.fromJSON}(${e})`;
  if (v.kind === "enum") return v.ref.typeName === NULL_VALUE ? `(${e} === null ? 0 : ${v.ref.json}.fromJSON(${e}, ${w}))` : `${v.ref.json}.fromJSON(${e}, ${w})`;
  const s = v.scalar;
  if (is64Bit(s)) {
    const big = `${rt("int64FromJSON")}(${e}, ${s === "int64" || s === "sint64" || s === "sfixed64"}, ${w})`;
    return ctx.options.int64 === "bigint" ? big : ctx.options.int64 === "string" ? `String(${big})` : `Number(${big})`;
  }
  switch (s) {
    case "int32": case "sint32": case "sfixed32": return `${rt("int32FromJSON")}(${e}, ${w})`;
    case "uint32": case "fixed32": return `${rt("uint32FromJSON")}(${e}, ${w})`;
    case "float": return `${rt("floatFromJSON")}(${e}, true, ${w})`;
    case "double": return `${rt("floatFromJSON")}(${e}, false, ${w})`;
    case "bool": return `${rt("boolFromJSON")}(${e}, ${w})`;
    case "string": return `${rt("stringFromJSON")}(${e}, ${w})`;
    case "bytes": return `${rt("bytesFromJSON")}(${e}, ${w})`;
    default: throw new Error(`unexpected scalar ${s}`);
  }
}

/** `o[key] = value;`, through the runtime for the one key that plain assignment mishandles. */
function assign(ctx: EmitContext, key: string, value: string): string {
  if (key === "__proto__") return `${ctx.imports.runtime("setJsonField")}(o, ${stringLiteral(key)}, ${value});`;
  return `o[${stringLiteral(key)}] = ${value};`;
}

/** The body of `toJSON(m)`. */
export function toJSONStatements(ctx: EmitContext, members: readonly MemberShape[]): string[] {
  const lines = [`const o: ${ctx.imports.runtimeType("JsonObject")} = {};`];
  for (const member of members) {
    if (member.kind === "oneof") lines.push(...oneofToJSON(ctx, member.oneof));
    else lines.push(...fieldToJSON(ctx, member.field));
  }
  lines.push("return o;");
  return lines;
}

function fieldToJSON(ctx: EmitContext, f: FieldShape): string[] {
  const x = `m.${f.prop}`;
  const key = f.field.jsonName;
  const v = f.value;
  const one = (e: string): string => toJSONExpr(ctx, v, e) ?? e;
  switch (f.card) {
    case "implicit": {
      const cond = v.kind === "scalar" ? nonZeroCondition(v.scalar, ctx.options.int64, x) : `${x} !== 0`;
      return [`if (${cond}) ${assign(ctx, key, one(x))}`];
    }
    case "optional":
      return [`if (${x} !== undefined) ${assign(ctx, key, one(x))}`];
    case "required":
      return v.kind === "message" ? [`if (${x} !== undefined) ${assign(ctx, key, one(x))}`] : [assign(ctx, key, one(x))];
    case "repeated": {
      const conv = toJSONExpr(ctx, v, "v");
      return [`if (${x}.length !== 0) ${assign(ctx, key, conv === undefined ? `${x}.slice()` : `${x}.map((v) => ${conv})`)}`];
    }
    case "map": {
      const conv = toJSONExpr(ctx, v, "v");
      const args = conv === undefined ? x : `${x}, (v) => ${conv}`;
      return [`if (Object.keys(${x}).length !== 0) ${assign(ctx, key, `${ctx.imports.runtime("mapToJSON")}(${args})`)}`];
    }
    case "oneof":
      throw new Error("oneof members are converted through their oneof");
  }
}

function oneofToJSON(ctx: EmitContext, o: OneofShape): string[] {
  const lines = [`const c = m.${o.prop};`, "switch (c.case) {"];
  for (const f of o.members) {
    const value = toJSONExpr(ctx, f.value, "c.value") ?? "c.value";
    lines.push(`  case ${stringLiteral(f.prop)}:`, `    ${assign(ctx, f.field.jsonName, value)}`, "    break;");
  }
  lines.push("}");
  return ["{", ...indent(lines), "}"];
}

/** The body of `fromJSON(json)`; `fresh` creates the default message. */
export function fromJSONStatements(ctx: EmitContext, typeName: string, fresh: string, members: readonly MemberShape[]): string[] {
  const lines = [
    `const o = ${ctx.imports.runtime("jsonObject")}(json, ${stringLiteral(typeName)});`,
    `const m = ${fresh};`,
  ];
  const fields = members.flatMap((m) => (m.kind === "field" ? [m.field] : m.oneof.members));
  if (fields.length !== 0) lines.push(`let v: ${ctx.imports.runtimeType("JsonValue")} | undefined;`);
  for (const member of members) {
    if (member.kind === "oneof") {
      for (const f of member.oneof.members) lines.push(...fieldFromJSON(ctx, f, member.oneof));
    } else {
      lines.push(...fieldFromJSON(ctx, member.field, undefined));
    }
  }
  lines.push("return m;");
  return lines;
}

function fieldFromJSON(ctx: EmitContext, f: FieldShape, oneof: OneofShape | undefined): string[] {
  const lookup = `v = ${ctx.imports.runtime("jsonField")}(o, ${stringLiteral(f.field.jsonName)}, ${stringLiteral(f.field.name)});`;
  const present = f.card !== "repeated" && f.card !== "map" && nullIsValue(f.value) ? "v !== undefined" : "v !== undefined && v !== null";
  const x = oneof === undefined ? `m.${f.prop}` : `m.${oneof.prop}`;
  const w = stringLiteral(f.where);
  const one = (e: string): string => fromJSONExpr(ctx, f.value, e, f.where);
  switch (f.card) {
    case "repeated":
      return [lookup, `if (${present}) ${x} = ${ctx.imports.runtime("jsonArray")}(v, ${w}).map((e) => ${one("e")});`];
    case "map": {
      const key = f.key ?? "string";
      const keyExpr = key === "string" ? "k" : key === "bool" ? `${ctx.imports.runtime("boolKeyFromJSON")}(k, ${w})`
        : isNumberKey(key) ? fromJSONExpr(ctx, { kind: "scalar", scalar: key }, "k", f.where)
        : `String(${ctx.imports.runtime("int64FromJSON")}(k, ${key === "int64" || key === "sint64" || key === "sfixed64"}, ${w}))`;
      const set = key === "string" ? `${ctx.imports.runtime("setEntry")}(${x}, k, ${one("e")});` : `${x}[${keyExpr}] = ${one("e")};`;
      return [lookup, `if (${present}) {`, `  for (const [k, e] of ${ctx.imports.runtime("jsonEntries")}(v, ${w})) ${set}`, "}"];
    }
    case "oneof":
      return [lookup, `if (${present}) ${x} = { case: ${stringLiteral(f.prop)}, value: ${one("v")} };`];
    default:
      return [lookup, `if (${present}) ${x} = ${one("v")};`];
  }
}
