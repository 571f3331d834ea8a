/**
 * Thrown by `Reader` (and so by generated `decode`) when the input is not
 * valid protobuf wire format: a truncated value, a length running past the
 * end, an invalid wire type, an over-long varint, a mismatched END_GROUP.
 *
 * The message says what was wrong and at which byte offset of the input, so
 * a corrupt frame can be found in a hex dump. Transports map it to the gRPC
 * status INTERNAL.
 */
export class CodecError extends Error {
  override readonly name = "CodecError";
  /** Byte offset in the decoded buffer where the problem was detected. */
  readonly offset: number;

  constructor(what: string, offset: number) {
    super(`${what} at offset ${offset}`);
    this.offset = offset;
  }
}
