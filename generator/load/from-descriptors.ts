/**
 * The descriptor loader: protoc's FileDescriptorProtos to a SchemaModel.
 *
 * It walks the descriptors itself, without protobufjs's Root.fromDescriptor,
 * so that it is an independent second opinion on the protobufjs loader: a
 * test builds both models for every fixture and requires them to be equal.
 */
import type {
  DocModel, EnumModel, FieldModel, FieldType, FileModel, MessageModel, MethodModel, OneofModel, Presence,
  ScalarType, SchemaModel, ServiceModel, TypeRef,
} from "../model/model.js";
import {
  decodeCodeGeneratorRequest, decodeFileDescriptorSet,
  type EnumShape, type FeatureSetShape, type FieldShape, type FileShape, type MessageShape, type ServiceShape,
} from "./descriptor-codec.js";
import { protocJsonName } from "./json-name.js";

/** Builds the model from a CodeGeneratorRequest; `parameter` is the plugin's option string. */
export function loadFromCodeGeneratorRequest(bytes: Uint8Array): { model: SchemaModel; parameter: string } {
  const request = decodeCodeGeneratorRequest(bytes);
  return { model: buildSchema(request.protoFile, request.fileToGenerate), parameter: request.parameter ?? "" };
}

/**
 * Builds the model from a FileDescriptorSet that holds `requested` and all
 * they import (protoc `--include_imports --include_source_info`).
 */
export function loadFromFileDescriptorSet(bytes: Uint8Array, requested: readonly string[]): SchemaModel {
  return buildSchema(decodeFileDescriptorSet(bytes), requested);
}

type Syntax = FileModel["syntax"];

/** What a fully qualified type name stands for. */
interface TypeEntry {
  readonly kind: "message" | "enum";
  readonly file: string;
  readonly closed: boolean;
  readonly mapEntry?: MessageShape;
}

function syntaxOf(file: FileShape): Syntax {
  if (file.syntax === "proto3") return "proto3";
  if (file.syntax === "editions") return "editions";
  return "proto2";
}

function buildSchema(files: readonly FileShape[], requested: readonly string[]): SchemaModel {
  const types = new Map<string, TypeEntry>();
  for (const file of files) indexTypes(file, types);
  const models = files.map((file) => new FileWalker(file, types).build());
  models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files: models, requested: [...new Set(requested)].sort() };
}

function indexTypes(file: FileShape, types: Map<string, TypeEntry>): void {
  const syntax = syntaxOf(file);
  const fileFeatures = file.options?.features;
  const addEnum = (e: EnumShape, prefix: string, inherited: string | undefined): void => {
    const enumType = e.options?.features?.enumType ?? inherited;
    const closed = syntax === "proto2" || (syntax === "editions" && enumType === "CLOSED");
    types.set(prefix + e.name, { kind: "enum", file: file.name, closed });
  };
  const addMessage = (m: MessageShape, prefix: string, inherited: string | undefined): void => {
    const fullName = prefix + m.name;
    const enumFeature = m.options?.features?.enumType ?? inherited;
    types.set(fullName, { kind: "message", file: file.name, closed: false, ...(m.options?.mapEntry ? { mapEntry: m } : {}) });
    for (const nested of m.nestedType) addMessage(nested, `${fullName}.`, enumFeature);
    for (const e of m.enumType) addEnum(e, `${fullName}.`, enumFeature);
  };
  const prefix = file.package ? `${file.package}.` : "";
  for (const m of file.messageType) addMessage(m, prefix, fileFeatures?.enumType);
  for (const e of file.enumType) addEnum(e, prefix, fileFeatures?.enumType);
}

/** SourceCodeInfo paths (field numbers of descriptor.proto) that lead to comments. */
const path = {
  fileMessage: 4, fileEnum: 5, fileService: 6, fileSyntax: 12, fileEdition: 14,
  messageField: 2, messageNested: 3, messageEnum: 4, messageOneof: 8,
  enumValue: 2, serviceMethod: 2,
} as const;

const scalarOfType: Readonly<Record<string, ScalarType>> = {
  TYPE_DOUBLE: "double", TYPE_FLOAT: "float", TYPE_INT64: "int64", TYPE_UINT64: "uint64", TYPE_INT32: "int32",
  TYPE_FIXED64: "fixed64", TYPE_FIXED32: "fixed32", TYPE_BOOL: "bool", TYPE_STRING: "string", TYPE_BYTES: "bytes",
  TYPE_UINT32: "uint32", TYPE_SFIXED32: "sfixed32", TYPE_SFIXED64: "sfixed64", TYPE_SINT32: "sint32", TYPE_SINT64: "sint64",
};

class FileWalker {
  private readonly comments = new Map<string, { leading?: string; trailing?: string }>();
  private readonly syntax: Syntax;

  constructor(private readonly file: FileShape, private readonly types: ReadonlyMap<string, TypeEntry>) {
    this.syntax = syntaxOf(file);
    for (const location of file.sourceCodeInfo?.location ?? []) {
      this.comments.set(location.path.join("."), {
        ...(location.leadingComments !== undefined ? { leading: location.leadingComments } : {}),
        ...(location.trailingComments !== undefined ? { trailing: location.trailingComments } : {}),
      });
    }
  }

  private doc(at: readonly number[], deprecated: boolean | undefined): DocModel {
    return { ...this.comments.get(at.join(".")), deprecated: deprecated === true };
  }

  build(): FileModel {
    const { file } = this;
    const prefix = file.package ? `${file.package}.` : "";
    const features = file.options?.features ?? {};
    const header = this.syntax === "editions" ? path.fileEdition : path.fileSyntax;
    return {
      name: file.name,
      package: file.package ?? "",
      syntax: this.syntax,
      dependencies: [...file.dependency],
      messages: file.messageType.map((m, i) => this.message(m, prefix + m.name, [path.fileMessage, i], features)),
      enums: file.enumType.map((e, i) => this.enumModel(e, prefix + e.name, [path.fileEnum, i])),
      services: file.service.map((s, i) => this.service(s, prefix + s.name, [path.fileService, i])),
      doc: this.doc([header], file.options?.deprecated),
    };
  }

  private enumModel(e: EnumShape, fullName: string, at: readonly number[]): EnumModel {
    return {
      fullName,
      values: e.value.map((v, i) => ({ name: v.name, number: v.number, doc: this.doc([...at, path.enumValue, i], v.options?.deprecated) })),
      closed: this.types.get(fullName)?.closed ?? false,
      doc: this.doc(at, e.options?.deprecated),
    };
  }

  private message(m: MessageShape, fullName: string, at: readonly number[], inherited: FeatureSetShape): MessageModel {
    const features = { ...inherited, ...m.options?.features };
    const nestedMessages: MessageModel[] = [];
    m.nestedType.forEach((nested, i) => {
      // Map entries are how descriptors spell map fields; the model has map types instead.
      if (!nested.options?.mapEntry) nestedMessages.push(this.message(nested, `${fullName}.${nested.name}`, [...at, path.messageNested, i], features));
    });
    const synthetic = new Set(m.field.filter((f) => f.proto3Optional).map((f) => f.oneofIndex));
    const oneofs: OneofModel[] = [];
    m.oneofDecl.forEach((o, i) => {
      if (!synthetic.has(i)) oneofs.push({ name: o.name, doc: this.doc([...at, path.messageOneof, i], false) });
    });
    return {
      fullName,
      fields: m.field.map((f, i) => this.field(f, m, [...at, path.messageField, i], features)),
      oneofs,
      nestedMessages,
      nestedEnums: m.enumType.map((e, i) => this.enumModel(e, `${fullName}.${e.name}`, [...at, path.messageEnum, i])),
      doc: this.doc(at, m.options?.deprecated),
    };
  }

  private ref(typeName: string | undefined): TypeRef & { entry: TypeEntry } {
    const fullName = (typeName ?? "").replace(/^\./, "");
    const entry = this.types.get(fullName);
    if (!entry) throw new Error(`descriptor set lacks type ${fullName} (used in ${this.file.name})`);
    return { fullName, file: entry.file, entry };
  }

  private valueType(f: FieldShape): Extract<FieldType, { kind: "scalar" | "enum" | "message" }> {
    const scalar = scalarOfType[f.type ?? ""];
    if (scalar) return { kind: "scalar", scalar };
    const { fullName, file, entry } = this.ref(f.typeName);
    return { kind: entry.kind, ref: { fullName, file } };
  }

  private field(f: FieldShape, owner: MessageShape, at: readonly number[], inherited: FeatureSetShape): FieldModel {
    const features = { ...inherited, ...f.options?.features };
    const repeated = f.label === "LABEL_REPEATED";
    const mapEntry = f.type === "TYPE_MESSAGE" && repeated ? this.ref(f.typeName).entry.mapEntry : undefined;
    let type: FieldType = this.valueType(f);
    if (mapEntry) {
      const [key, value] = mapEntry.field;
      const keyScalar = scalarOfType[key?.type ?? ""];
      if (!key || !value || !keyScalar) throw new Error(`malformed map entry for ${f.name} in ${this.file.name}`);
      type = { kind: "map", key: keyScalar, value: this.valueType(value) };
    }
    const value = type.kind === "map" ? type.value : type;
    const realOneof = f.oneofIndex !== undefined && !f.proto3Optional ? owner.oneofDecl[f.oneofIndex]?.name : undefined;
    const isMessage = f.type === "TYPE_MESSAGE" || f.type === "TYPE_GROUP";
    const closedEnum = value.kind === "enum" ? this.types.get(value.ref.fullName)?.closed : undefined;
    return {
      name: f.name,
      jsonName: f.jsonName ?? protocJsonName(f.name),
      number: f.number,
      type,
      repeated: repeated && !mapEntry,
      packed: this.packed(f, repeated && !mapEntry, value, features),
      delimited: f.type === "TYPE_GROUP" || (this.syntax === "editions" && isMessage && !mapEntry && features.messageEncoding === "DELIMITED"),
      presence: this.presence(f, repeated, isMessage, features),
      ...(realOneof !== undefined ? { oneof: realOneof } : {}),
      ...(f.defaultValue !== undefined ? { defaultValue: f.defaultValue } : {}),
      ...(closedEnum !== undefined ? { closedEnum } : {}),
      doc: this.doc(at, f.options?.deprecated),
    };
  }

  private packed(f: FieldShape, repeated: boolean, value: FieldType, features: FeatureSetShape): boolean {
    if (!repeated || value.kind === "message") return false;
    if (value.kind === "scalar" && (value.scalar === "string" || value.scalar === "bytes")) return false;
    const packed = f.options?.packed;
    if (this.syntax === "proto2") return packed === true;
    if (this.syntax === "proto3") return packed !== false;
    if (packed !== undefined) return packed;
    return (features.repeatedFieldEncoding ?? "PACKED") === "PACKED";
  }

  private presence(f: FieldShape, repeated: boolean, isMessage: boolean, features: FeatureSetShape): Presence {
    if (repeated) return "implicit";
    if (f.label === "LABEL_REQUIRED") return "required";
    if (this.syntax === "proto2") return "explicit";
    if (this.syntax === "editions" && features.fieldPresence === "LEGACY_REQUIRED") return "required";
    if (isMessage || f.oneofIndex !== undefined) return "explicit";
    if (this.syntax === "proto3") return "implicit";
    return features.fieldPresence === "IMPLICIT" ? "implicit" : "explicit";
  }

  private service(s: ServiceShape, fullName: string, at: readonly number[]): ServiceModel {
    return {
      fullName,
      methods: s.method.map((m, i): MethodModel => {
        const { entry: _input, ...input } = this.ref(m.inputType);
        const { entry: _output, ...output } = this.ref(m.outputType);
        const client = m.clientStreaming === true;
        const server = m.serverStreaming === true;
        const level = m.options?.idempotencyLevel;
        return {
          name: m.name,
          input,
          output,
          kind: client && server ? "bidi" : client ? "client-stream" : server ? "server-stream" : "unary",
          idempotency: level === "NO_SIDE_EFFECTS" ? "no-side-effects" : level === "IDEMPOTENT" ? "idempotent" : "unknown",
          doc: this.doc([...at, path.serviceMethod, i], m.options?.deprecated),
        };
      }),
      doc: this.doc(at, s.options?.deprecated),
    };
  }
}
