/**
 * The field table of a message (runtime `FieldInfo[]`), one line a field.
 * The runtime derives create, equals and the JSON mapping from it; only the
 * binary codec is generated as straight-line code.
 */
import type { EmitContext, FieldShape, MemberShape, ValueShape } from "./field-shape.js";
import { stringLiteral } from "./names.js";

function valueEntry(v: ValueShape): string {
  if (v.kind === "scalar") return `s: ${stringLiteral(v.scalar)}`;
  if (v.kind === "enum") return `e: ${v.ref.json}`;
  return `m: ${v.ref.value}`;
}

function entry(f: FieldShape, oneof: string | undefined): string {
  const parts = [`name: ${stringLiteral(f.field.name)}`];
  const json = f.field.jsonName;
  if (json !== f.field.name) parts.push(`json: ${stringLiteral(json)}`);
  if (f.prop !== json) parts.push(`prop: ${stringLiteral(f.prop)}`);
  if (oneof !== undefined) parts.push(`oneof: ${stringLiteral(oneof)}`);
  if (f.card === "repeated") parts.push("repeated: true");
  if (f.card === "map" && f.key !== undefined) parts.push(`key: ${stringLiteral(f.key)}`);
  if (f.value.kind !== "message" && f.card === "optional") parts.push("opt: true");
  if (f.value.kind !== "message" && f.card === "required") parts.push("req: true");
  parts.push(valueEntry(f.value));
  return `{ ${parts.join(", ")} },`;
}

/** The entries of the table, in declaration order (oneof members where declared). */
export function fieldTable(_ctx: EmitContext, members: readonly MemberShape[]): string[] {
  return members.flatMap((m) => (m.kind === "field" ? [entry(m.field, undefined)] : m.oneof.members.map((f) => entry(f, m.oneof.prop))));
}
