/**
 * The object side of a message: interface properties, the `new` function's
 * literal (every property, fixed order, so all instances share one hidden
 * class), `create(init)` and `equals(a, b)`.
 */
import { GeneratorError } from "../errors.js";
import type { EmitContext, FieldShape, MemberShape, OneofShape, ValueShape } from "./field-shape.js";
import { isNumberKey } from "./message-codec.js";
import { stringLiteral } from "./names.js";
import { defaultLiteral, tsType, zeroValue } from "./scalars.js";
import type { DocView } from "./doc.js";
import { docLines } from "./doc.js";

/** One interface property. `type` may span lines (oneof unions), already indented. */
export interface PropView {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
  readonly doc: DocView;
}

const indent = (lines: readonly string[]): string[] => lines.map((l) => (l === "" ? l : `  ${l}`));

function valueType(v: ValueShape, ctx: EmitContext): string {
  if (v.kind === "scalar") return tsType(v.scalar, ctx.options.int64);
  return v.ref.type;
}

function fieldType(ctx: EmitContext, f: FieldShape): string {
  const t = valueType(f.value, ctx);
  if (f.card === "repeated") return `${t}[]`;
  if (f.card === "map") return `{ [key: ${isNumberKey(f.key) ? "number" : "string"}]: ${t} }`;
  return t;
}

/** The interface's properties in declaration order. */
export function interfaceProps(ctx: EmitContext, members: readonly MemberShape[]): PropView[] {
  return members.map((member): PropView => {
    if (member.kind === "oneof") {
      const o = member.oneof;
      const arms = o.members.map((f) => `| { case: ${stringLiteral(f.prop)}; value: ${valueType(f.value, ctx)} }`);
      arms.push("| { case: undefined; value?: undefined }");
      return { name: o.prop, optional: false, type: `\n${arms.map((a) => `    ${a}`).join("\n")}`, doc: oneofDoc(o) };
    }
    const f = member.field;
    const optional = f.card === "optional" || (f.card === "required" && f.value.kind === "message");
    const extra = f.field.defaultValue !== undefined ? [`@defaultValue ${f.field.defaultValue}`] : [];
    return { name: f.prop, optional, type: fieldType(ctx, f), doc: docLines(f.field.doc, extra) };
  });
}

function oneofDoc(o: OneofShape): DocView {
  return docLines(o.doc);
}

/** The initial value of a field in a fresh message. */
function initialValue(ctx: EmitContext, f: FieldShape): string {
  switch (f.card) {
    case "implicit":
      return f.value.kind === "scalar" ? zeroValue(f.value.scalar, ctx.options.int64) : f.value.kind === "enum" ? String(f.value.ref.firstValue) : "undefined";
    case "optional":
      return "undefined";
    case "required":
      return f.value.kind === "message" ? "undefined" : requiredDefault(ctx, f);
    case "repeated":
      return "[]";
    case "map":
      return "{}";
    case "oneof":
      throw new Error("oneof members have no property of their own");
  }
}

/** A required scalar starts at its proto2 default, or the zero value / first enum value. */
function requiredDefault(ctx: EmitContext, f: FieldShape): string {
  const v = f.value;
  const text = f.field.defaultValue;
  if (v.kind === "enum") {
    if (text === undefined) return String(v.ref.firstValue);
    const value = v.ref.values.find((e) => e.name === text);
    if (value === undefined) throw new GeneratorError(`${ctx.file.name}: default "${text}" of ${f.where} is not a value of ${v.ref.typeName}`);
    return String(value.number);
  }
  if (v.kind !== "scalar") return "undefined";
  return text === undefined ? zeroValue(v.scalar, ctx.options.int64) : defaultLiteral(v.scalar, ctx.options.int64, text, `${ctx.file.name}: ${f.where}`);
}

/** `prop: initial` entries of the `new` function's object literal. */
export function newEntries(ctx: EmitContext, members: readonly MemberShape[]): string[] {
  return members.map((member) =>
    member.kind === "oneof" ? `${member.oneof.prop}: { case: undefined }` : `${member.field.prop}: ${initialValue(ctx, member.field)}`,
  );
}

/** The body of `create(init)` after `const m = new(); if (init === undefined) return m;`. */
export function createStatements(ctx: EmitContext, members: readonly MemberShape[]): string[] {
  const lines: string[] = [];
  for (const member of members) {
    if (member.kind === "oneof") {
      lines.push(...createOneof(ctx, member.oneof));
      continue;
    }
    const f = member.field;
    const x = `init.${f.prop}`;
    const v = f.value;
    switch (f.card) {
      case "repeated":
        lines.push(`if (${x} !== undefined) m.${f.prop} = ${v.kind === "message" ? `${x}.map((v) => ${v.ref.create}(v))` : `${x}.slice()`};`);
        break;
      case "map": {
        const conv = v.kind === "message" ? `(v) => ${v.ref.create}(v)` : "(v) => v";
        lines.push(`if (${x} !== undefined) m.${f.prop} = ${ctx.imports.runtime("copyMap")}(${x}, ${conv});`);
        break;
      }
      default:
        lines.push(`if (${x} !== undefined) m.${f.prop} = ${v.kind === "message" ? `${v.ref.create}(${x})` : x};`);
    }
  }
  return lines;
}

function createOneof(ctx: EmitContext, o: OneofShape): string[] {
  const lines = [`const c = init.${o.prop};`, "switch (c.case) {"];
  for (const f of o.members) {
    const v = f.value;
    const value = v.kind === "message" ? `${v.ref.create}(c.value)`
      : `c.value ?? ${v.kind === "enum" ? String(v.ref.firstValue) : zeroValue(v.scalar, ctx.options.int64)}`;
    lines.push(`  case ${stringLiteral(f.prop)}:`, `    m.${o.prop} = { case: ${stringLiteral(f.prop)}, value: ${value} };`, "    break;");
  }
  lines.push("}");
  return [`if (init.${o.prop} !== undefined) {`, ...indent(lines), "}"];
}

/** A function expression (or undefined for `===`) comparing two values of `v`. */
function valueEq(ctx: EmitContext, v: ValueShape): string | undefined {
  if (v.kind === "message") return v.ref.equals;
  if (v.kind === "scalar" && v.scalar === "bytes") return ctx.imports.runtime("bytesEquals");
  if (v.kind === "scalar" && (v.scalar === "float" || v.scalar === "double")) return ctx.imports.runtime("floatEquals");
  return undefined;
}

/** The body of `equals(a, b)`: early `return false` per differing field, then unknown fields. */
export function equalsStatements(ctx: EmitContext, members: readonly MemberShape[]): string[] {
  const lines: string[] = [];
  for (const member of members) {
    if (member.kind === "oneof") {
      lines.push(...equalsOneof(ctx, member.oneof));
      continue;
    }
    const f = member.field;
    const [x, y] = [`a.${f.prop}`, `b.${f.prop}`];
    const eq = valueEq(ctx, f.value);
    if (f.card === "repeated") {
      lines.push(`if (!${ctx.imports.runtime("listEquals")}(${x}, ${y}${eq === undefined ? "" : `, ${eq}`})) return false;`);
    } else if (f.card === "map") {
      lines.push(`if (!${ctx.imports.runtime("mapEquals")}(${x}, ${y}${eq === undefined ? "" : `, ${eq}`})) return false;`);
    } else if (f.value.kind === "message") {
      lines.push(`if (${x} !== ${y} && (${x} === undefined || ${y} === undefined || !${eq ?? ""}(${x}, ${y}))) return false;`);
    } else if (eq !== undefined) {
      lines.push(`if (!${eq}(${x}, ${y})) return false;`);
    } else {
      lines.push(`if (${x} !== ${y}) return false;`);
    }
  }
  lines.push(`return ${ctx.imports.runtime("unknownEquals")}(a, b);`);
  return lines;
}

function equalsOneof(ctx: EmitContext, o: OneofShape): string[] {
  const lines = [`const x = a.${o.prop};`, `const y = b.${o.prop};`, "switch (x.case) {"];
  for (const f of o.members) {
    const c = stringLiteral(f.prop);
    const eq = valueEq(ctx, f.value);
    const same = eq === undefined ? "x.value !== y.value" : `!${eq}(x.value, y.value)`;
    lines.push(`  case ${c}:`, `    if (y.case !== ${c} || ${same}) return false;`, "    break;");
  }
  lines.push("  case undefined:", "    if (y.case !== undefined) return false;", "    break;", "}");
  return ["{", ...indent(lines), "}"];
}
