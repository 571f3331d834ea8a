import type { Reader } from "./codec/reader.js";
import type { Writer } from "./codec/writer.js";

/** A JSON value as produced by `toJSON` and accepted by `fromJSON`. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Values that `PartialMessage` keeps as they are instead of recursing into. */
type Leaf = string | number | boolean | bigint | Uint8Array | null | undefined;

/**
 * The deep-partial shape accepted by `create()` and by client methods:
 * every field optional, nested messages partial too, oneofs still a
 * `{ case, value }` union whose value may be partial.
 */
export type PartialMessage<T> = { [K in keyof T]?: PartialField<T[K]> };

type PartialField<F> = F extends Leaf
  ? F
  : F extends readonly (infer E)[]
    ? PartialField<E>[]
    : F extends { case: infer C; value?: infer V }
      ? { case: C; value?: PartialField<V> }
      : F extends object
        ? { [K in keyof F]?: PartialField<F[K]> }
        : F;

/**
 * Everything the runtime and users need to handle one message type.
 *
 * Methods (not function-valued properties) on purpose: method parameters are
 * bivariant, so a `MessageType<HelloRequest>` is usable where a
 * `MessageType<object>` is expected (service definitions, registries).
 */
export interface MessageType<T extends object> {
  /** Fully qualified protobuf name, e.g. "pkg.Outer.Inner". */
  readonly typeName: string;
  /** A complete message from a deep-partial one; absent fields get their defaults. */
  create(init?: PartialMessage<T>): T;
  /** Binary wire format. */
  encode(message: T): Uint8Array;
  /**
   * True when `encode` (and `write`) also take a `PartialMessage<T>` and
   * give exactly the bytes of `encode(create(message))`: absent fields are
   * written as `create` would fill them. Generated types say so; the RPC
   * runtime then skips the `create` copy, and trusts `write` and `read` to
   * be the codec itself, encoding into and decoding from frames in place
   * (runtime/framing/serialize.ts).
   */
  readonly encodesPartial?: boolean;
  /** Parses the binary wire format; throws `CodecError` on malformed input. */
  decode(bytes: Uint8Array): T;
  /** proto3 canonical JSON mapping. */
  toJSON(message: T): JsonValue;
  /** Parses the proto3 canonical JSON mapping (also accepts proto field names). */
  fromJSON(json: JsonValue): T;
  /** Deep equality on field values (unknown fields included). */
  equals(a: T, b: T): boolean;
  /**
   * @internal Appends the fields of `message` to `w` (no length prefix).
   * Generated code of other messages calls this for nested fields, with
   * partial messages when the type `encodesPartial`.
   */
  write(message: PartialMessage<T>, w: Writer): void;
  /**
   * @internal Reads a message of `length` bytes from `r` (or, when `group`
   * is a field number, up to that group's END_GROUP tag).
   */
  read(r: Reader, length: number, group?: number): T;
}

/** The TS type of messages described by a `MessageType`. */
export type MessageOf<M> = M extends MessageType<infer T> ? T : never;
