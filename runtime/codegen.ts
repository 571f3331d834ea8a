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
export { EMPTY_BYTES } from "./codec/empty-bytes.js";

// Message helpers (generated equals/create/read; see runtime/message/).
export { bytesEquals, floatEquals, listEquals } from "./message/equality.js";
export { copyMap, mapEquals, setEntry } from "./message/map-entries.js";
export { endGroup, fieldOverrun, mergeMessage, requiredMissing, storeUnknownEnum, unknownField, unterminatedGroup } from "./message/decode-support.js";
export { defineMessage } from "./message/define-message.js";
export type { FieldInfo, MessageSpec, ScalarName } from "./message/field-info.js";
// proto3 JSON mapping (generated toJSON/fromJSON; see runtime/json/).
export { JsonError } from "./json/json-error.js";
export { type EnumJson, enumJson } from "./json/enum-json.js";
export { findType, registerTypes } from "./json/type-registry.js";
export { jsonArray, jsonEntries, jsonField, jsonObject, type JsonObject, mapToJSON, setJsonField } from "./json/json-object.js";
export {
  boolFromJSON, boolKeyFromJSON, bytesFromJSON, bytesToJSON, floatFromJSON, floatToJSON,
  int32FromJSON, int64FromJSON, int64ToJSON, stringFromJSON, uint32FromJSON,
} from "./json/json-scalars.js";
export { durationFromJSON, durationToJSON, fieldMaskFromJSON, fieldMaskToJSON, timestampFromJSON, timestampToJSON } from "./json/wkt-time.js";
export { anyFromJSON, anyToJSON } from "./json/wkt-any.js";
// Service stubs (runtime/STUBS.md): generated clients call a `Channel`,
// generated service interfaces use the handler result types.
export type { Channel } from "./client/channel.js";
export type { CallOptions } from "./client/call-options.js";
export type { RequestSource } from "./client/request-pump.js";
export type { CallContext } from "./context/call-context.js";
export type { HandlerResult, StreamResult, ServiceImpl } from "./server/service-impl.js";
