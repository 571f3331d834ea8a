/**
 * Builds one FieldModel from a protobufjs Field, and resolves the type names
 * of fields and methods with protoc's rules (see symbols.ts).
 */
import protobuf from "protobufjs";
import { GeneratorError } from "../errors.js";
import type { FieldModel, FieldType, ScalarType, TypeRef } from "../model/model.js";
import { formatDefault } from "./default-value.js";
import { isDelimited, isPacked, presenceOf, type FieldShape, type Syntax } from "./field-rules.js";
import { protocJsonName } from "./json-name.js";
import { fieldName, groupType, toDoc, type SchemaContext } from "./reflection.js";
import type { Token } from "./proto-lexer.js";
import type { SourceIndex, SourcePosition } from "./source-index.js";

/** What building fields of one file needs. */
export interface FieldContext {
  readonly file: string;
  readonly syntax: Syntax;
  readonly schema: SchemaContext;
  readonly visible: ReadonlySet<string>;
  readonly index: SourceIndex;
}

const scalars = new Set<string>([
  "double", "float", "int32", "uint32", "sint32", "fixed32", "sfixed32",
  "int64", "uint64", "sint64", "fixed64", "sfixed64", "bool", "string", "bytes",
]);

function isScalar(name: string): name is ScalarType {
  return scalars.has(name);
}

type ValueType = Extract<FieldType, { kind: "scalar" | "enum" | "message" }>;

/**
 * Resolves `typeName` as written in the element `scope` (full name) to a
 * message or enum, or throws a GeneratorError pointing at `at`.
 * `want: "message"` also rejects enums (method request and response types).
 */
export function resolveType(
  ctx: FieldContext, typeName: string, scope: string, at: SourcePosition | undefined, want: "any" | "message",
): { kind: "message" | "enum"; ref: TypeRef } {
  const written = ctx.schema.restore(typeName);
  const found = ctx.schema.symbols.resolveType(written, scope, ctx.visible);
  const where = { file: ctx.file, ...(at ? { line: at.line, column: at.column } : {}) };
  if ("fullName" in found && "kind" in found) {
    if (want === "message" && found.kind !== "message") {
      throw new GeneratorError(`"${written}" used by "${scope}" is an enum, not a message`, where);
    }
    return { kind: found.kind, ref: { fullName: found.fullName, file: found.file } };
  }
  let reason = "";
  if (found.notAType) reason = `; "${found.notAType}" is not a message or enum`;
  else if (found.notImportedFrom) reason = `; it is defined in "${found.notImportedFrom}", which "${ctx.file}" does not import`;
  throw new GeneratorError(`unknown type "${written}" used by "${scope}"${reason}`, where);
}

function valueType(ctx: FieldContext, typeName: string, scope: string, at: SourcePosition | undefined): ValueType {
  if (isScalar(typeName)) return { kind: "scalar", scalar: typeName };
  const { kind, ref } = resolveType(ctx, typeName, scope, at, "any");
  return { kind, ref };
}

/** Builds the model of `field`, declared in message `owner` (path inside the file, and full name). */
export function buildField(
  field: protobuf.Field, owner: protobuf.Type, ownerPath: string, ownerFullName: string, ctx: FieldContext,
): FieldModel {
  const { restore, closedEnums } = ctx.schema;
  const name = fieldName(field, owner, restore);
  const info = ctx.index.get("field", `${ownerPath}.${name}`);
  const scope = `${ownerFullName}.${name}`;
  const value = valueType(ctx, field.type, scope, info?.typeAt ?? info);
  const isMap = field instanceof protobuf.MapField;
  const type: FieldType = isMap
    ? { kind: "map", key: mapKey((field as protobuf.MapField).keyType), value }
    : value;
  const oneof = field.partOf;
  const proto3Optional = field.options?.["proto3_optional"] === true;
  const shape: FieldShape = {
    syntax: ctx.syntax,
    field,
    repeated: field.repeated,
    isMap,
    valueKind: value.kind,
    ...(value.kind === "scalar" ? { scalar: value.scalar } : {}),
    inOneof: oneof !== null && !proto3Optional,
    proto3Optional,
  };
  const jsonName: unknown = field.options?.["json_name"];
  const defaultValue = defaultText(field, value, info?.defaultTokens);
  const closedEnum = value.kind === "enum" ? closedEnums.get(value.ref.fullName) : undefined;
  return {
    name,
    jsonName: typeof jsonName === "string" ? jsonName : protocJsonName(name),
    number: field.id,
    type,
    // A map is its own kind of field, not a repeated one (its entries are an encoding detail).
    repeated: field.repeated && !isMap,
    packed: isPacked(shape),
    delimited: isDelimited(shape, groupType(field, owner) !== undefined),
    presence: presenceOf(shape),
    ...(oneof && !proto3Optional ? { oneof: restore(oneof.name) } : {}),
    ...(defaultValue !== undefined ? { defaultValue } : {}),
    ...(closedEnum !== undefined ? { closedEnum } : {}),
    doc: toDoc(info, field.options?.["deprecated"] === true),
  };
}

function mapKey(keyType: string): ScalarType {
  if (!isScalar(keyType)) throw new Error(`protobufjs accepted map key type ${keyType}`);
  return keyType;
}

/**
 * protoc's default_value text. The raw literal from the source is the
 * authority; protobufjs's parsed value is only a fallback for definitions
 * that come without source (protobufjs's bundled JSON).
 */
function defaultText(field: protobuf.Field, value: ValueType, tokens: readonly Token[] | undefined): string | undefined {
  const parsed: unknown = field.options?.["default"];
  if (parsed === undefined) return undefined;
  const type = value.kind === "scalar" ? value.scalar : "enum";
  if (tokens && tokens.length > 0) return formatDefault(type, tokens);
  return String(parsed);
}
