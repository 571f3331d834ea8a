/**
 * The generator's own picture of a schema: plain, read-only, JSON-comparable
 * data. Two loaders build it (protobufjs parse, and protoc descriptors via the
 * plugin) and a test asserts they build the same thing; emitters read only
 * this, never protobufjs.
 *
 * Semantics follow descriptor.proto so that both loaders can agree exactly.
 */

export type ScalarType =
  | "double" | "float"
  | "int32" | "uint32" | "sint32" | "fixed32" | "sfixed32"
  | "int64" | "uint64" | "sint64" | "fixed64" | "sfixed64"
  | "bool" | "string" | "bytes";

/** Comments attached to an element, as protoc reports them (trimmed of comment markers). */
export interface DocModel {
  readonly leading?: string;
  readonly trailing?: string;
  readonly deprecated: boolean;
}

/** A reference to a message or enum by fully qualified name (no leading dot) and defining file. */
export interface TypeRef {
  readonly fullName: string;
  readonly file: string;
}

export type FieldType =
  | { readonly kind: "scalar"; readonly scalar: ScalarType }
  | { readonly kind: "enum"; readonly ref: TypeRef }
  | { readonly kind: "message"; readonly ref: TypeRef }
  | {
      readonly kind: "map";
      readonly key: ScalarType;
      readonly value:
        | { readonly kind: "scalar"; readonly scalar: ScalarType }
        | { readonly kind: "enum"; readonly ref: TypeRef }
        | { readonly kind: "message"; readonly ref: TypeRef };
    };

/**
 * implicit: proto3 plain scalar (zero value not written);
 * explicit: proto3 `optional`, proto2 `optional`, message fields, oneof members;
 * required: proto2 `required` (editions LEGACY_REQUIRED).
 */
export type Presence = "implicit" | "explicit" | "required";

export interface FieldModel {
  /** Name as written in the .proto. */
  readonly name: string;
  /** protoc's json_name (lowerCamelCase unless set explicitly). */
  readonly jsonName: string;
  readonly number: number;
  readonly type: FieldType;
  readonly repeated: boolean;
  /** Repeated scalars/enums written packed. */
  readonly packed: boolean;
  /** Message field encoded as a group (proto2 group, editions DELIMITED). */
  readonly delimited: boolean;
  readonly presence: Presence;
  /** Name of the (real, non-synthetic) oneof this field belongs to. */
  readonly oneof?: string;
  /** descriptor.proto `default_value` text (C-escaped for bytes, enum value name for enums). */
  readonly defaultValue?: string;
  /** Enum is closed (proto2 / editions CLOSED): unknown numbers go to unknown fields. */
  readonly closedEnum?: boolean;
  readonly doc: DocModel;
}

export interface OneofModel {
  readonly name: string;
  readonly doc: DocModel;
}

export interface EnumValueModel {
  readonly name: string;
  readonly number: number;
  readonly doc: DocModel;
}

export interface EnumModel {
  /** Fully qualified, e.g. "pkg.Outer.Color". */
  readonly fullName: string;
  readonly values: readonly EnumValueModel[];
  readonly closed: boolean;
  readonly doc: DocModel;
}

export interface MessageModel {
  /** Fully qualified, e.g. "pkg.Outer.Inner". */
  readonly fullName: string;
  /** Fields in declaration order. */
  readonly fields: readonly FieldModel[];
  /** Real oneofs only (proto3 `optional` synthetic oneofs are not listed). */
  readonly oneofs: readonly OneofModel[];
  readonly nestedMessages: readonly MessageModel[];
  readonly nestedEnums: readonly EnumModel[];
  readonly doc: DocModel;
}

export type MethodStreaming = "unary" | "server-stream" | "client-stream" | "bidi";

export interface MethodModel {
  readonly name: string;
  readonly input: TypeRef;
  readonly output: TypeRef;
  readonly kind: MethodStreaming;
  readonly idempotency: "unknown" | "no-side-effects" | "idempotent";
  readonly doc: DocModel;
}

export interface ServiceModel {
  readonly fullName: string;
  readonly methods: readonly MethodModel[];
  readonly doc: DocModel;
}

export interface FileModel {
  /** Path relative to its import root, with forward slashes, e.g. "pkg/foo.proto". */
  readonly name: string;
  readonly package: string;
  readonly syntax: "proto2" | "proto3" | "editions";
  /** Direct imports, as written. */
  readonly dependencies: readonly string[];
  readonly messages: readonly MessageModel[];
  readonly enums: readonly EnumModel[];
  readonly services: readonly ServiceModel[];
  readonly doc: DocModel;
}

/** Everything one generator run works on: the requested files and all they import. */
export interface SchemaModel {
  /** Every file, requested and imported, sorted by name. */
  readonly files: readonly FileModel[];
  /** Names of the files named on the command line (subset of `files`). */
  readonly requested: readonly string[];
}
