/**
 * Decodes FileDescriptorSet and CodeGeneratorRequest bytes into plain
 * objects, using protobufjs reflection over the descriptor.proto and
 * plugin.proto definitions that protobufjs ships as JSON. The shapes below
 * list only what the descriptor loader reads (camelCase, as protobufjs's
 * JSON names them).
 */
import { createRequire } from "node:module";
import protobuf from "protobufjs";

export interface FeatureSetShape {
  readonly fieldPresence?: string;
  readonly enumType?: string;
  readonly repeatedFieldEncoding?: string;
  readonly messageEncoding?: string;
}

interface WithOptions {
  readonly options?: { readonly deprecated?: boolean; readonly features?: FeatureSetShape };
}

export interface FieldShape extends WithOptions {
  readonly name: string;
  readonly number: number;
  readonly label?: string;
  readonly type?: string;
  readonly typeName?: string;
  readonly extendee?: string;
  readonly defaultValue?: string;
  readonly oneofIndex?: number;
  readonly jsonName?: string;
  readonly proto3Optional?: boolean;
  readonly options?: WithOptions["options"] & { readonly packed?: boolean };
}

export interface EnumShape extends WithOptions {
  readonly name: string;
  readonly value: readonly ({ readonly name: string; readonly number: number } & WithOptions)[];
}

export interface MessageShape extends WithOptions {
  readonly name: string;
  readonly field: readonly FieldShape[];
  readonly nestedType: readonly MessageShape[];
  readonly enumType: readonly EnumShape[];
  readonly oneofDecl: readonly { readonly name: string }[];
  readonly options?: WithOptions["options"] & { readonly mapEntry?: boolean };
}

export interface MethodShape extends WithOptions {
  readonly name: string;
  readonly inputType: string;
  readonly outputType: string;
  readonly clientStreaming?: boolean;
  readonly serverStreaming?: boolean;
  readonly options?: WithOptions["options"] & { readonly idempotencyLevel?: string };
}

export interface ServiceShape extends WithOptions {
  readonly name: string;
  readonly method: readonly MethodShape[];
}

export interface LocationShape {
  readonly path: readonly number[];
  readonly leadingComments?: string;
  readonly trailingComments?: string;
}

export interface FileShape extends WithOptions {
  readonly name: string;
  readonly package?: string;
  readonly dependency: readonly string[];
  readonly messageType: readonly MessageShape[];
  readonly enumType: readonly EnumShape[];
  readonly service: readonly ServiceShape[];
  readonly sourceCodeInfo?: { readonly location: readonly LocationShape[] };
  readonly syntax?: string;
  readonly edition?: string;
}

export interface RequestShape {
  readonly fileToGenerate: readonly string[];
  readonly parameter?: string;
  readonly protoFile: readonly FileShape[];
}

const types = (() => {
  const require = createRequire(import.meta.url);
  const root = protobuf.Root.fromJSON(require("protobufjs/google/protobuf/descriptor.json") as protobuf.INamespace);
  const plugin = require("protobufjs/google/protobuf/compiler/plugin.json") as protobuf.INamespace;
  if (plugin.nested) root.addJSON(plugin.nested);
  return {
    set: root.lookupType("google.protobuf.FileDescriptorSet"),
    request: root.lookupType("google.protobuf.compiler.CodeGeneratorRequest"),
  };
})();

const toObjectOptions: protobuf.IConversionOptions = { enums: String, longs: String, arrays: true, defaults: false };

/** Decodes a FileDescriptorSet (e.g. protoc's --descriptor_set_out). */
export function decodeFileDescriptorSet(bytes: Uint8Array): readonly FileShape[] {
  const message = types.set.decode(bytes);
  // The shape is fixed by descriptor.proto; protobufjs only types it loosely.
  return (types.set.toObject(message, toObjectOptions) as { file: FileShape[] }).file;
}

/** Decodes a CodeGeneratorRequest (what protoc sends a plugin on stdin). */
export function decodeCodeGeneratorRequest(bytes: Uint8Array): RequestShape {
  const message = types.request.decode(bytes);
  return types.request.toObject(message, toObjectOptions) as RequestShape;
}
