/**
 * The gRPC status codes (0-16, the same numbers as gRPC's `doc/statuscodes.md`),
 * used by every transport of the runtime. Codes outside 0-16 are legal on the
 * wire and pass through unchanged (RELIABILITY B3): `Status` is a numeric enum
 * so any number is assignable.
 */
export enum Status {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
}

/** "DEADLINE_EXCEEDED" for 4; "CODE_57" for a code outside the table. */
export function statusName(code: number): string {
  const name = (Status as unknown as Record<number, string | undefined>)[code];
  return name ?? `CODE_${code}`;
}
