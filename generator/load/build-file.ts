/**
 * Builds the FileModel of one parsed file from protobufjs's reflection tree,
 * our source index (comments, positions, raw default literals) and the
 * schema-wide symbol table (protoc's name resolution).
 */
import protobuf from "protobufjs";
import type {
  DocModel, EnumModel, FileModel, MessageModel, MethodModel, MethodStreaming, OneofModel, ServiceModel,
} from "../model/model.js";
import type { DeclarationKind } from "./source-index.js";
import { buildField, resolveType, type FieldContext } from "./build-field.js";
import type { ParsedFile } from "./parse-proto.js";
import { isClosedEnum, type Syntax } from "./field-rules.js";
import { fieldName, ownFields, toDoc, type SchemaContext } from "./reflection.js";

export type { SchemaContext } from "./reflection.js";

/** Top-level types and services of the file, in declaration order. */
function packageMembers(parsed: ParsedFile): protobuf.ReflectionObject[] {
  const ns = parsed.package === "" ? parsed.root : parsed.root.lookup(parsed.package);
  return ns instanceof protobuf.Namespace ? ns.nestedArray : [];
}

/** Adds the file's symbols to the table and records which of its enums are closed. */
export function registerFile(parsed: ParsedFile, ctx: SchemaContext, closed: Map<string, boolean>): void {
  const { symbols, restore } = ctx;
  const prefix = parsed.package === "" ? "" : `${parsed.package}.`;
  symbols.addPackage(parsed.package, parsed.name);
  const visit = (object: protobuf.ReflectionObject, scope: string): void => {
    const fullName = scope + restore(object.name);
    if (object instanceof protobuf.Type) {
      symbols.add(fullName, "message", parsed.name);
      for (const field of ownFields(object)) symbols.add(`${fullName}.${fieldName(field, object, restore)}`, "field", parsed.name);
      for (const oneof of object.oneofsArray) symbols.add(`${fullName}.${restore(oneof.name)}`, "oneof", parsed.name);
      for (const nested of object.nestedArray) visit(nested, `${fullName}.`);
    } else if (object instanceof protobuf.Enum) {
      symbols.add(fullName, "enum", parsed.name);
      // Enum values are siblings of their enum, as in C++.
      for (const value of Object.keys(object.values)) symbols.add(scope + restore(value), "value", parsed.name);
      closed.set(fullName, isClosedEnum(object, parsed.index.syntax));
    } else if (object instanceof protobuf.Service) {
      symbols.add(fullName, "service", parsed.name);
      for (const method of object.methodsArray) symbols.add(`${fullName}.${restore(method.name)}`, "method", parsed.name);
    }
  };
  for (const member of packageMembers(parsed)) visit(member, prefix);
}

/** Builds the model of one file. */
export function buildFile(parsed: ParsedFile, ctx: SchemaContext): FileModel {
  const { index } = parsed;
  const prefix = parsed.package === "" ? "" : `${parsed.package}.`;
  const doc = (kind: DeclarationKind, path: string, deprecated: unknown): DocModel =>
    toDoc(index.get(kind, path), deprecated === true);
  const fieldCtx: FieldContext = {
    file: parsed.name,
    syntax: index.syntax,
    schema: ctx,
    visible: ctx.visibleFrom(parsed.name),
    index,
  };

  const buildEnum = (enm: protobuf.Enum, path: string, fullName: string): EnumModel => ({
    fullName,
    values: Object.entries(enm.values).map(([name, number]) => ({
      name: ctx.restore(name),
      number,
      doc: doc("value", `${path}.${ctx.restore(name)}`, enm.valuesOptions?.[name]?.["deprecated"]),
    })),
    closed: ctx.closedEnums.get(fullName) ?? isClosedEnum(enm, index.syntax),
    doc: doc("enum", path, enm.options?.["deprecated"]),
  });

  const buildMessage = (type: protobuf.Type, path: string, fullName: string): MessageModel => {
    const nestedMessages: MessageModel[] = [];
    const nestedEnums: EnumModel[] = [];
    for (const nested of type.nestedArray) {
      const name = ctx.restore(nested.name);
      if (nested instanceof protobuf.Type) nestedMessages.push(buildMessage(nested, `${path}.${name}`, `${fullName}.${name}`));
      else if (nested instanceof protobuf.Enum) nestedEnums.push(buildEnum(nested, `${path}.${name}`, `${fullName}.${name}`));
    }
    const oneofs: OneofModel[] = type.oneofsArray
      .filter((oneof) => !isSynthetic(oneof))
      .map((oneof) => ({ name: ctx.restore(oneof.name), doc: doc("oneof", `${path}.${ctx.restore(oneof.name)}`, false) }));
    return {
      fullName,
      fields: ownFields(type).map((field) => buildField(field, type, path, fullName, fieldCtx)),
      oneofs,
      nestedMessages,
      nestedEnums,
      doc: doc("message", path, type.options?.["deprecated"]),
    };
  };

  const buildService = (service: protobuf.Service, path: string, fullName: string): ServiceModel => ({
    fullName,
    methods: service.methodsArray.map((method) => {
      const name = ctx.restore(method.name);
      const where = index.get("method", `${path}.${name}`);
      const scope = `${fullName}.${name}`;
      const model: MethodModel = {
        name,
        input: resolveType(fieldCtx, method.requestType, scope, where?.inputAt ?? where, "message").ref,
        output: resolveType(fieldCtx, method.responseType, scope, where?.outputAt ?? where, "message").ref,
        kind: streaming(method.requestStream === true, method.responseStream === true),
        idempotency: idempotency(method.options?.["idempotency_level"]),
        doc: toDoc(where, method.options?.["deprecated"] === true),
      };
      return model;
    }),
    doc: doc("service", path, service.options?.["deprecated"]),
  });

  const messages: MessageModel[] = [];
  const enums: EnumModel[] = [];
  const services: ServiceModel[] = [];
  for (const member of packageMembers(parsed)) {
    const name = ctx.restore(member.name);
    if (member instanceof protobuf.Type) messages.push(buildMessage(member, name, prefix + name));
    else if (member instanceof protobuf.Enum) enums.push(buildEnum(member, name, prefix + name));
    else if (member instanceof protobuf.Service) services.push(buildService(member, name, prefix + name));
  }
  return {
    name: parsed.name,
    package: parsed.package,
    syntax: index.syntax satisfies Syntax,
    dependencies: index.imports.map((i) => i.path),
    messages,
    enums,
    services,
    doc: toDoc(index.header, index.deprecated),
  };
}

function isSynthetic(oneof: protobuf.OneOf): boolean {
  return oneof.fieldsArray.length === 1 && oneof.fieldsArray[0]?.options?.["proto3_optional"] === true;
}

function streaming(client: boolean, server: boolean): MethodStreaming {
  if (client && server) return "bidi";
  if (client) return "client-stream";
  if (server) return "server-stream";
  return "unary";
}

function idempotency(level: unknown): MethodModel["idempotency"] {
  if (level === "NO_SIDE_EFFECTS" || level === 1) return "no-side-effects";
  if (level === "IDEMPOTENT" || level === 2) return "idempotent";
  return "unknown";
}
