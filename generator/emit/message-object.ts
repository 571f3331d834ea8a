/**
 * The object side of a message: interface properties, the `new` function's
 * literal (every property, fixed order, so all instances share one hidden
 * class), `create(init)` and `equals(a, b)`.
 */
import { GeneratorError } from "../errors.js";
import { type EmitContext, type FieldShape, isNumberKey, type MemberShape, type OneofShape, type ValueShape } from "./field-shape.js";
import { stringLiteral } from "./names.js";
import { defaultLiteral, tsType, zeroOf } from "./scalars.js";
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
      return f.value.kind === "scalar" ? zeroOf(ctx, f.value.scalar) : f.value.kind === "enum" ? String(f.value.ref.firstValue) : "undefined";
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

/**
 * A required scalar starts at its proto2 default, or the zero value / first
 * enum value. Also what `write` puts on the wire when a partial message
 * lacks the field, as `create()` would have filled it.
 */
export function requiredDefault(ctx: EmitContext, f: FieldShape): string {
  const v = f.value;
  const text = f.field.defaultValue;
  if (v.kind === "enum") {
    if (text === undefined) return String(v.ref.firstValue);
    const value = v.ref.values.find((e) => e.name === text);
    if (value === undefined) throw new GeneratorError(`${ctx.file.name}: default "${text}" of ${f.where} is not a value of ${v.ref.typeName}`);
    return String(value.number);
  }
  if (v.kind !== "scalar") return "undefined";
  return text === undefined ? zeroOf(ctx, v.scalar) : defaultLiteral(v.scalar, ctx.options.int64, text, `${ctx.file.name}: ${f.where}`);
}

/** `prop: initial` entries of the `new` function's object literal. */
export function newEntries(ctx: EmitContext, members: readonly MemberShape[]): string[] {
  return members.map((member) =>
    member.kind === "oneof" ? `${member.oneof.prop}: { case: undefined }` : `${member.field.prop}: ${initialValue(ctx, member.field)}`,
  );
}
