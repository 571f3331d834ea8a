import { GeneratorError } from "../errors.js";
import type { DocModel, FieldModel, FileModel, MessageModel, ScalarType, TypeRef } from "../model/model.js";
import type { EmitOptions } from "../options.js";
import type { ImportTracker } from "./imports.js";
import { is64Bit } from "./scalars.js";
import { propertyName } from "./names.js";
import type { SchemaIndex, TypeSymbol } from "./symbols.js";

/** What one generated file is being built with. */
export interface EmitContext {
  readonly index: SchemaIndex;
  readonly imports: ImportTracker;
  readonly options: EmitOptions;
  readonly file: FileModel;
}

/** How generated code of this file reaches a message type's pieces. */
export interface MessageRef {
  readonly typeName: string;
  /** Interface type, for annotations. */
  readonly type: string;
  /** The exported `MessageType` const. */
  readonly value: string;
  /** Call targets: internal functions for types of this file, the const's methods otherwise. */
  readonly read: string;
  readonly write: string;
  /** An expression for a fresh default instance. */
  readonly fresh: string;
}

/** How generated code reaches an enum: its TS type and its JSON table. */
export interface EnumRef {
  readonly typeName: string;
  readonly type: string;
  readonly json: string;
  readonly closed: boolean;
  readonly firstValue: number;
  /** Declared values, for resolving proto2 defaults given by name. */
  readonly values: readonly { readonly name: string; readonly number: number }[];
}

/** The value carried by a field (or by a map field's values). */
export type ValueShape =
  | { readonly kind: "scalar"; readonly scalar: ScalarType }
  | { readonly kind: "enum"; readonly ref: EnumRef }
  | { readonly kind: "message"; readonly ref: MessageRef; readonly delimited: boolean };

/**
 * A field as the emitters need it: how it is held on the message
 * (`card`), what it holds, and its names.
 */
export interface FieldShape {
  readonly field: FieldModel;
  /** TS property name (for oneof members: the case name). */
  readonly prop: string;
  readonly card: "implicit" | "optional" | "required" | "repeated" | "map" | "oneof";
  readonly value: ValueShape;
  /** Map key type, for `card: "map"`. */
  readonly key?: ScalarType;
  /** "pkg.Msg.field", for error messages in generated code. */
  readonly where: string;
}

/** A oneof as held on the message: one property with a `{ case, value }` union. */
export interface OneofShape {
  readonly name: string;
  readonly doc: DocModel;
  readonly prop: string;
  readonly members: readonly FieldShape[];
}

/** A message's members in declaration order: fields and oneofs (at their first member). */
export type MemberShape = { readonly kind: "field"; readonly field: FieldShape } | { readonly kind: "oneof"; readonly oneof: OneofShape };

/** True for map keys held as numbers (`{ [key: number]: V }`). */
export function isNumberKey(key: FieldShape["key"]): boolean {
  return key !== undefined && key !== "string" && key !== "bool" && !is64Bit(key);
}

/** Classifies every field of `message` and gives each member a unique property name. */
export function shapeMembers(ctx: EmitContext, message: MessageModel): MemberShape[] {
  const taken = new Set<string>();
  const claim = (base: string): string => {
    let name = base;
    while (taken.has(name)) name += "$";
    taken.add(name);
    return name;
  };
  const members: MemberShape[] = [];
  const oneofs = new Map<string, { name: string; doc: DocModel; prop: string; members: FieldShape[] }>();
  for (const field of message.fields) {
    const where = `${message.fullName}.${field.name}`;
    if (field.oneof !== undefined) {
      let oneof = oneofs.get(field.oneof);
      if (oneof === undefined) {
        const doc = message.oneofs.find((o) => o.name === field.oneof)?.doc ?? { deprecated: false };
        oneof = { name: field.oneof, doc, prop: claim(propertyName(field.oneof)), members: [] };
        oneofs.set(field.oneof, oneof);
        members.push({ kind: "oneof", oneof });
      }
      // Case names live in their own namespace (the union's `case` strings).
      oneof.members.push(shapeField(ctx, field, propertyName(field.name), "oneof", where));
      continue;
    }
    const card = field.type.kind === "map" ? "map" : field.repeated ? "repeated" : field.presence === "required" ? "required"
      : field.presence === "explicit" || field.type.kind === "message" ? "optional" : "implicit";
    members.push({ kind: "field", field: shapeField(ctx, field, claim(propertyName(field.name)), card, where) });
  }
  return members;
}

function shapeField(ctx: EmitContext, field: FieldModel, prop: string, card: FieldShape["card"], where: string): FieldShape {
  const t = field.type;
  if (t.kind === "map") {
    const value: ValueShape = t.value.kind === "scalar" ? { kind: "scalar", scalar: t.value.scalar }
      : t.value.kind === "enum" ? { kind: "enum", ref: enumRef(ctx, t.value.ref, where, field.closedEnum) }
      : { kind: "message", ref: messageRef(ctx, t.value.ref, where), delimited: false };
    return { field, prop, card, value, key: t.key, where };
  }
  const value: ValueShape = t.kind === "scalar" ? { kind: "scalar", scalar: t.scalar }
    : t.kind === "enum" ? { kind: "enum", ref: enumRef(ctx, t.ref, where, field.closedEnum) }
    : { kind: "message", ref: messageRef(ctx, t.ref, where), delimited: field.delimited };
  return { field, prop, card, value, where };
}

function lookup(ctx: EmitContext, ref: TypeRef, where: string): TypeSymbol {
  const symbol = ctx.index.type(ref.fullName, `${ctx.file.name}: ${where}`);
  if (symbol.file !== ref.file) {
    throw new GeneratorError(`${ctx.file.name}: ${where}: type "${ref.fullName}" is defined in ${symbol.file}, not ${ref.file}`);
  }
  return symbol;
}

/** How this file refers to the message `ref`. */
export function messageRef(ctx: EmitContext, ref: TypeRef, where: string): MessageRef {
  const symbol = lookup(ctx, ref, where);
  if (symbol.kind !== "message") throw new GeneratorError(`${ctx.file.name}: ${where}: "${ref.fullName}" is not a message`);
  return messageRefOf(ctx, symbol);
}

/** How this file refers to a message symbol. */
export function messageRefOf(ctx: EmitContext, symbol: TypeSymbol): MessageRef {
  const local = symbol.file === ctx.file.name;
  const value = ctx.imports.symbol(symbol);
  const fn = (suffix: string, method: string): string => (local ? `${symbol.name}$${suffix}` : `${value}.${method}`);
  return {
    typeName: symbol.model.fullName,
    type: value,
    value,
    read: fn("read", "read"),
    write: fn("write", "write"),
    fresh: local ? `${symbol.name}$new()` : `${value}.create()`,
  };
}

/** How this file refers to the enum `ref`. */
export function enumRef(ctx: EmitContext, ref: TypeRef, where: string, closed?: boolean): EnumRef {
  const symbol = lookup(ctx, ref, where);
  if (symbol.kind !== "enum") throw new GeneratorError(`${ctx.file.name}: ${where}: "${ref.fullName}" is not an enum`);
  const first = symbol.model.values[0];
  if (first === undefined) throw new GeneratorError(`${ctx.file.name}: enum ${ref.fullName} has no values`);
  return {
    typeName: ref.fullName,
    get type(): string {
      return ctx.imports.symbol(symbol, "", true);
    },
    get json(): string {
      return ctx.imports.symbol(symbol, "$json");
    },
    closed: closed ?? symbol.model.closed,
    firstValue: first.number,
    values: symbol.model.values,
  };
}
