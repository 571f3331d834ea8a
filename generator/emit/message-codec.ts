/**
 * The binary codec of a message as straight-line statements: the body of
 * `write(m, w)` and the `case` arms of `read()`'s tag switch. Tags are
 * precomputed numbers; nested messages, packed runs and map entries are
 * length-prefixed with `fork()`/`join()`.
 *
 * `write` takes a `PartialMessage`: every field may be absent (`undefined`),
 * and is then written exactly as `create()` would have filled it (nothing
 * for implicit, optional, repeated and map fields; the default for required
 * scalars; the zero value for a oneof case without a value), so the RPC
 * runtime can encode what users hand it without a deep copy. The checks are
 * the `!== undefined` comparisons the type checker asks for, on the path
 * full messages take anyway.
 */
import { type EmitContext, type FieldShape, isNumberKey, type MemberShape, type OneofShape, type ValueShape } from "./field-shape.js";
import { stringLiteral } from "./names.js";
import { requiredDefault } from "./message-object.js";
import { codecMethod, isPackable, nonZeroCondition, tagOf, tsType, WireType, wireTypeOf, zeroOf } from "./scalars.js";

/**
 * One arm of the read switch: the tags it answers and its statements. A
 * block arm (`case 26: {`) has `close` set to the closing brace.
 */
export interface ReadCase {
  readonly tags: readonly number[];
  readonly labels: readonly string[];
  readonly lines: readonly string[];
  readonly close?: string;
}

/** An arm of plain statements, `break;` appended. */
function arm(tag: number, lines: string[]): ReadCase {
  return { tags: [tag], labels: [`case ${tag}:`], lines: [...lines, "break;"] };
}

/** An arm whose statements need their own scope. */
function blockArm(tag: number, lines: string[]): ReadCase {
  return { tags: [tag], labels: [`case ${tag}: {`], lines: [...lines, "break;"], close: "}" };
}

/** What `read()` needs besides its cases. */
export interface ReadPlan {
  readonly cases: readonly ReadCase[];
  /** `let seen0 = 0;` ... when the message has required fields. */
  readonly locals: readonly string[];
  /** Statements run after the loop: throw for missing required fields. */
  readonly checks: readonly string[];
}

const indent = (lines: readonly string[]): string[] => lines.map((l) => (l === "" ? l : `  ${l}`));

function wireOf(v: ValueShape): number {
  if (v.kind === "scalar") return wireTypeOf(v.scalar);
  if (v.kind === "enum") return WireType.varint;
  return v.delimited ? WireType.sgroup : WireType.len;
}

/** `r.int32()`-style read of one value (messages: length-prefixed). */
function readValue(ctx: EmitContext, v: ValueShape): string {
  if (v.kind === "scalar") return `r.${codecMethod(v.scalar, ctx.options.int64)}()`;
  if (v.kind === "enum") return "r.int32()";
  return `${v.ref.read}(r, r.uint32())`;
}

/** Statements writing one value with its key; the expression `x` is evaluated once. */
function writeValue(ctx: EmitContext, v: ValueShape, fieldNumber: number, x: string): string[] {
  const tag = tagOf(fieldNumber, wireOf(v));
  if (v.kind === "scalar") return [`w.uint32(${tag}).${codecMethod(v.scalar, ctx.options.int64)}(${x});`];
  if (v.kind === "enum") return [`w.uint32(${tag}).int32(${x});`];
  if (v.delimited) return [`w.uint32(${tag});`, `${v.ref.write}(${x}, w);`, `w.uint32(${tagOf(fieldNumber, WireType.egroup)});`];
  return [`w.uint32(${tag});`, "const k = w.fork();", `${v.ref.write}(${x}, w);`, "w.join(k);"];
}

/** Wraps multi-statement bodies in a block so `const` names stay local. */
function guarded(condition: string | undefined, body: string[]): string[] {
  if (condition === undefined) return body.length === 1 ? body : ["{", ...indent(body), "}"];
  if (body.length === 1) return [`if (${condition}) ${body[0] ?? ""}`];
  return [`if (${condition}) {`, ...indent(body), "}"];
}

/** The body of `write(m, w)` (without the trailing `writeUnknown`), fields in number order. */
export function writeStatements(ctx: EmitContext, members: readonly MemberShape[]): string[] {
  const items: { number: number; lines: string[] }[] = [];
  for (const member of members) {
    if (member.kind === "oneof") {
      const numbers = member.oneof.members.map((f) => f.field.number);
      items.push({ number: Math.min(...numbers), lines: writeOneof(ctx, member.oneof) });
    } else {
      items.push({ number: member.field.field.number, lines: writeField(ctx, member.field) });
    }
  }
  items.sort((a, b) => a.number - b.number);
  return items.flatMap((i) => i.lines);
}

function writeField(ctx: EmitContext, f: FieldShape): string[] {
  const x = `m.${f.prop}`;
  const n = f.field.number;
  const v = f.value;
  const set = `${x} !== undefined`;
  switch (f.card) {
    case "implicit":
      // An enum's zero is 0 (proto3 open enums start there) and absent is undefined: both falsy.
      return guarded(v.kind === "scalar" ? nonZeroCondition(v.scalar, ctx.options.int64, x) : v.kind === "enum" ? x : set,
        writeValue(ctx, v, n, x));
    case "optional":
      return guarded(set, writeValue(ctx, v, n, x));
    case "required":
      // Scalars are always written; an absent one as the default `create()` gives it.
      return v.kind === "message" ? guarded(set, writeValue(ctx, v, n, x)) : guarded(undefined, writeValue(ctx, v, n, `${x} ?? ${requiredDefault(ctx, f)}`));
    case "repeated":
      if (f.field.packed && v.kind !== "message" && (v.kind === "enum" || isPackable(v.scalar))) {
        const method = v.kind === "enum" ? "int32" : codecMethod(v.scalar, ctx.options.int64);
        return [
          `if (${set} && ${x}.length !== 0) {`,
          `  w.uint32(${tagOf(n, WireType.len)});`,
          "  const k = w.fork();",
          `  for (const v of ${x}) w.${method}(v);`,
          "  w.join(k);",
          "}",
        ];
      }
      return guarded(set, forOf(`const v of ${x}`, writeValue(ctx, v, n, "v")));
    case "map":
      return guarded(set, writeMap(ctx, f, x));
    case "oneof":
      throw new Error("oneof members are written through their oneof");
  }
}

function forOf(head: string, body: string[]): string[] {
  return body.length === 1 ? [`for (${head}) ${body[0] ?? ""}`] : [`for (${head}) {`, ...indent(body), "}"];
}

function writeMap(ctx: EmitContext, f: FieldShape, x: string): string[] {
  const key = f.key ?? "string";
  const keyTag = tagOf(1, wireTypeOf(key));
  const numberKey = isNumberKey(key);
  const keyExpr = numberKey ? "n" : key === "bool" ? 'key === "true"' : "key";
  const keyMethod = numberKey || key === "bool" || key === "string" ? key : `${key}String`;
  const valueLines = f.value.kind === "message"
    ? [`w.uint32(${tagOf(2, WireType.len)});`, "const k2 = w.fork();", `${f.value.ref.write}(v, w);`, "w.join(k2);"]
    : writeValue(ctx, f.value, 2, "v");
  return forOf(`const key of Object.keys(${x})`, [
    ...(numberKey ? ["const n = Number(key);", `const v = ${x}[n];`] : [`const v = ${x}[key];`]),
    // An entry whose value is undefined is absent (as `create()` drops it).
    "if (v === undefined) continue;",
    `w.uint32(${tagOf(f.field.number, WireType.len)});`,
    "const k = w.fork();",
    `w.uint32(${keyTag}).${keyMethod}(${keyExpr});`,
    ...valueLines,
    "w.join(k);",
  ]);
}

/** What `create()` puts in a oneof case given without a value. */
function oneofDefault(ctx: EmitContext, v: ValueShape): string {
  if (v.kind === "scalar") return zeroOf(ctx, v.scalar);
  if (v.kind === "enum") return String(v.ref.firstValue);
  return "{}";
}

function writeOneof(ctx: EmitContext, o: OneofShape): string[] {
  // The oneof itself may be absent from a partial message.
  const lines = [`const o = m.${o.prop};`, "if (o !== undefined) switch (o.case) {"];
  for (const f of [...o.members].sort((a, b) => a.field.number - b.field.number)) {
    lines.push(`  case ${stringLiteral(f.prop)}: {`, `    const v = o.value ?? ${oneofDefault(ctx, f.value)};`,
      ...indent(indent(writeValue(ctx, f.value, f.field.number, "v"))), "    break;", "  }");
  }
  lines.push("}");
  return ["{", ...indent(lines), "}"];
}

/** The read switch's arms, plus what tracking required fields needs. */
export function readPlan(ctx: EmitContext, typeName: string, members: readonly MemberShape[]): ReadPlan {
  const cases: ReadCase[] = [];
  const required: { prop: string; name: string; word: number; bit: number }[] = [];
  for (const member of members) {
    if (member.kind === "oneof") {
      for (const f of member.oneof.members) cases.push(...readOneofMember(ctx, member.oneof, f));
      continue;
    }
    const f = member.field;
    let mark: string | undefined;
    if (f.card === "required") {
      // 30 bits a word keeps every mask a positive small integer.
      const i = required.length;
      required.push({ prop: f.prop, name: f.field.name, word: Math.floor(i / 30), bit: 2 ** (i % 30) });
      mark = `seen${Math.floor(i / 30)} |= ${2 ** (i % 30)};`;
    }
    cases.push(...readField(ctx, f, mark));
  }
  cases.sort((a, b) => (a.tags[0] ?? 0) - (b.tags[0] ?? 0));
  const words = [...new Set(required.map((r) => r.word))];
  const locals = words.map((w) => `let seen${w} = 0;`);
  const checks = required.map((r) =>
    `if ((seen${r.word} & ${r.bit}) === 0) throw ${ctx.imports.runtime("requiredMissing")}(${stringLiteral(typeName)}, ${stringLiteral(r.name)}, pos);`);
  return { cases, locals, checks };
}

/** After the loop over a packed run or map entry ending at `e`: its last value must not run past it. */
function endCheck(ctx: EmitContext): string {
  return `if (r.pos !== e) throw ${ctx.imports.runtime("fieldOverrun")}(e, r.pos);`;
}

/** Statements that keep the field just read as unknown (closed enum, unknown value). */
function keepUnknown(ctx: EmitContext): string {
  return `${ctx.imports.runtime("storeUnknown")}(m, r.buf, start, r.pos);`;
}

function readField(ctx: EmitContext, f: FieldShape, mark: string | undefined): ReadCase[] {
  const x = `m.${f.prop}`;
  const n = f.field.number;
  const v = f.value;
  const marks = mark === undefined ? [] : [mark];
  if (f.card === "map") return [blockArm(tagOf(n, WireType.len), readMap(ctx, f, x))];
  if (f.card === "repeated") {
    if (v.kind === "message") {
      const read = v.delimited ? `${v.ref.read}(r, 0, ${n})` : readValue(ctx, v);
      return [arm(tagOf(n, wireOf(v)), [`${x}.push(${read});`])];
    }
    const closed = v.kind === "enum" && v.ref.closed;
    const unpacked: ReadCase = closed && v.kind === "enum"
      ? blockArm(tagOf(n, WireType.varint), ["const v = r.int32();", `if (${v.ref.json}.known(v)) ${x}.push(v);`, `else ${keepUnknown(ctx)}`])
      : arm(tagOf(n, wireOf(v)), [`${x}.push(${readValue(ctx, v)});`]);
    if (v.kind === "scalar" && !isPackable(v.scalar)) return [unpacked];
    // Parsers must accept both encodings of a packable field, whatever the schema says.
    const each = closed && v.kind === "enum"
      ? ["while (r.pos < e) {", "  const v = r.int32();", `  if (${v.ref.json}.known(v)) ${x}.push(v);`,
        `  else ${ctx.imports.runtime("storeUnknownEnum")}(m, ${n}, v);`, "}"]
      : [`while (r.pos < e) ${x}.push(${readValue(ctx, v)});`];
    return [unpacked, blockArm(tagOf(n, WireType.len), ["const e = r.uint32() + r.pos;", ...each, endCheck(ctx)])];
  }
  if (v.kind === "message") {
    if (v.delimited) return [arm(tagOf(n, WireType.sgroup), [`${x} = ${v.ref.read}(r, 0, ${n});`, ...marks])];
    return [blockArm(tagOf(n, WireType.len), [
      "const len = r.uint32();",
      `${x} = ${x} === undefined ? ${v.ref.read}(r, len) : ${ctx.imports.runtime("mergeMessage")}(${v.ref.value}, ${x}, r, len);`,
      ...marks,
    ])];
  }
  if (v.kind === "enum" && v.ref.closed) {
    const known = mark === undefined ? [`if (${v.ref.json}.known(v)) ${x} = v;`] : [`if (${v.ref.json}.known(v)) {`, `  ${x} = v;`, `  ${mark}`, "}"];
    return [blockArm(tagOf(n, WireType.varint), ["const v = r.int32();", ...known, `else ${keepUnknown(ctx)}`])];
  }
  return [arm(tagOf(n, wireOf(v)), [`${x} = ${readValue(ctx, v)};`, ...marks])];
}

function readMap(ctx: EmitContext, f: FieldShape, x: string): string[] {
  const key = f.key ?? "string";
  const numberKey = isNumberKey(key);
  const keyZero = numberKey ? "0" : key === "bool" ? '"false"' : key === "string" ? '""' : '"0"';
  const readKey = key === "string" ? "r.mapKey()" : numberKey ? `r.${key}()` : key === "bool" ? 'r.bool() ? "true" : "false"' : `r.${key}String()`;
  const v = f.value;
  const valueDecl = v.kind === "message" ? `let v: ${v.ref.type} | undefined;`
    : v.kind === "enum" ? `let v: ${v.ref.type} = ${v.ref.firstValue};`
    // Annotated: the zero value's own type may be narrower than what the reader returns.
    : `let v: ${tsType(v.scalar, ctx.options.int64)} = ${zeroOf(ctx, v.scalar)};`;
  const valueExpr = v.kind === "message" ? `v ?? ${v.ref.fresh}` : "v";
  const set = key === "string" ? `${ctx.imports.runtime("setEntry")}(${x}, k, ${valueExpr});` : `${x}[k] = ${valueExpr};`;
  const store = v.kind === "enum" && v.ref.closed
    ? [`if (${v.ref.json}.known(v)) ${set}`, `else ${keepUnknown(ctx)}`] // unknown closed value: the whole entry is unknown
    : [set];
  return [
    "const e = r.uint32() + r.pos;",
    `let k = ${keyZero};`,
    valueDecl,
    "while (r.pos < e) {",
    "  const t = r.uint32();",
    `  if (t === ${tagOf(1, wireTypeOf(key))}) k = ${readKey};`,
    `  else if (t === ${tagOf(2, wireOf(v))}) v = ${readValue(ctx, v)};`,
    "  else r.skip(t);",
    "}",
    endCheck(ctx),
    ...store,
  ];
}

function readOneofMember(ctx: EmitContext, o: OneofShape, f: FieldShape): ReadCase[] {
  const x = `m.${o.prop}`;
  const c = stringLiteral(f.prop);
  const n = f.field.number;
  const v = f.value;
  if (v.kind === "message") {
    if (v.delimited) return [arm(tagOf(n, WireType.sgroup), [`${x} = { case: ${c}, value: ${v.ref.read}(r, 0, ${n}) };`])];
    return [blockArm(tagOf(n, WireType.len), [
      "const len = r.uint32();",
      `const o = ${x};`,
      `${x} = { case: ${c}, value: o.case === ${c} ? ${ctx.imports.runtime("mergeMessage")}(${v.ref.value}, o.value, r, len) : ${v.ref.read}(r, len) };`,
    ])];
  }
  if (v.kind === "enum" && v.ref.closed) {
    return [blockArm(tagOf(n, WireType.varint), [
      "const v = r.int32();",
      `if (${v.ref.json}.known(v)) ${x} = { case: ${c}, value: v };`,
      `else ${keepUnknown(ctx)}`,
    ])];
  }
  return [arm(tagOf(n, wireOf(v)), [`${x} = { case: ${c}, value: ${readValue(ctx, v)} };`])];
}
