/**
 * Helpers that generated `read()` functions call off the hot path: group
 * ends, values that overrun their length, required fields, merging a
 * repeated occurrence of a singular message field, and unknown values of
 * closed enums.
 * @internal
 */
import { CodecError } from "../codec/codec-error.js";
import { Reader } from "../codec/reader.js";
import { Writer } from "../codec/writer.js";
import { storeUnknown } from "../codec/unknown-fields.js";
import type { MessageType } from "../message-type.js";

/**
 * Called when a read loop meets an END_GROUP key: valid only when the message
 * is being read as group `group` and the key carries that field number.
 */
export function endGroup(tag: number, group: number | undefined, pos: number): void {
  if (group === undefined || tag >>> 3 !== group) {
    throw new CodecError(`unexpected END_GROUP for field ${tag >>> 3}`, pos);
  }
}

/** The error for a group whose END_GROUP never came. */
export function unterminatedGroup(group: number, pos: number): CodecError {
  return new CodecError(`group ${group} has no END_GROUP`, pos);
}

/**
 * The error for a length-delimited value (message, packed run, map entry)
 * whose last field ends past the value's end. protoc's C++ runtime rejects
 * such input; reading on would take the parent's bytes as this value's.
 */
export function fieldOverrun(end: number, pos: number): CodecError {
  return new CodecError(`a field runs ${pos - end} byte(s) past the end of its length-delimited value`, end);
}

/** The error for a decoded proto2 message that lacks a required field. */
export function requiredMissing(typeName: string, field: string, pos: number): CodecError {
  return new CodecError(`required field ${typeName}.${field} is missing`, pos);
}

/**
 * Reads a second occurrence of a singular message field and merges it into
 * the first, as the encoding spec asks ("last one wins" for scalars, merge for
 * messages). Merging is defined as parsing the concatenation, which is what
 * this does; it is rare enough that re-encoding `previous` costs nothing that
 * matters.
 */
export function mergeMessage<T extends object>(type: MessageType<T>, previous: T, r: Reader, length: number): T {
  const w = new Writer();
  type.write(previous, w);
  const head = w.finish();
  const joined = new Uint8Array(head.length + length);
  joined.set(head, 0);
  joined.set(r.buf.subarray(r.pos, r.pos + length), head.length);
  if (r.pos + length > r.end) throw new CodecError("length runs past the end", r.pos);
  r.pos += length;
  return type.read(new Reader(joined), joined.length);
}

/**
 * Keeps a value of a closed enum that the schema does not know, found in a
 * packed run, as an unknown varint field (proto2 semantics: unknown closed
 * enum values are unknown fields, not field values).
 */
export function storeUnknownEnum(message: object, fieldNumber: number, value: number): void {
  const w = new Writer();
  w.uint32(fieldNumber * 8).int32(value);
  const bytes = w.finish();
  storeUnknown(message, bytes, 0, bytes.length);
}

/**
 * The default arm of a generated read loop. An END_GROUP key ends the group
 * being read (returns true; an END_GROUP that does not match is an error).
 * Any other field is skipped and kept, key and value, as an unknown field.
 */
export function unknownField(r: Reader, message: object, tag: number, start: number, group: number | undefined): boolean {
  if ((tag & 7) === 4) {
    endGroup(tag, group, start);
    return true;
  }
  r.skip(tag);
  storeUnknown(message, r.buf, start, r.pos);
  return false;
}
