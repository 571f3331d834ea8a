/**
 * The versioned surface that generated code imports. Everything a generated
 * file references at run time comes from here, so the runtime can change
 * underneath without regenerating.
 */
export type { JsonValue, MessageType, MessageOf, PartialMessage } from "./message-type.js";
export type { MethodDefinition, MethodKind, ServiceDefinition } from "./service-definition.js";
export { Reader } from "./codec/reader.js";
export { Writer } from "./codec/writer.js";
export { getUnknown, storeUnknown, unknownEquals, writeUnknown } from "./codec/unknown-fields.js";
export { CodecError } from "./codec/codec-error.js";
