/**
 * Thrown by generated `fromJSON` (and `toJSON` for values JSON cannot carry)
 * when a value does not fit the proto3 JSON mapping. The message names the
 * field (`pkg.Msg.field`) and the offending value.
 */
export class JsonError extends Error {
  override readonly name = "JsonError";
}

/** A short, bounded rendering of a JSON value for error messages. */
export function describeJson(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "bigint" ? `${value}n` : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
