/**
 * The JSON side of a generated enum: value names by number (for `toJSON`) and
 * numbers by name (for `fromJSON`). Kept apart from the TS `enum` because the
 * TS member names can be escaped, and because with `allow_alias` the TS
 * reverse mapping would report the last alias where JSON wants the first.
 */
import type { JsonValue } from "../message-type.js";
import { describeJson, JsonError } from "./json-error.js";

/** JSON conversion of one enum type. */
export interface EnumJson<E extends number> {
  /** Fully qualified proto name of the enum. */
  readonly typeName: string;
  /** The first declared value: the default of closed enums (0 for open ones). */
  readonly first: E;
  /** The value's name, or the number itself for a value the schema does not know. */
  toJSON(value: E): JsonValue;
  /** A name or a number; JsonError for a name the enum does not have. */
  fromJSON(json: JsonValue, where: string): E;
  /** True when the schema declares `value` (used for closed enums). */
  known(value: number): value is E;
}

/**
 * Builds the JSON table of an enum from `[number, protoName]` pairs in
 * declaration order. Closed enums reject unknown numbers in `fromJSON`.
 */
export function enumJson<E extends number>(typeName: string, values: readonly (readonly [number, string])[], closed: boolean): EnumJson<E> {
  const names = new Map<number, string>();
  const numbers = new Map<string, number>();
  for (const [n, name] of values) {
    if (!names.has(n)) names.set(n, name);
    numbers.set(name, n);
  }
  const known = (value: number): value is E => names.has(value);
  return {
    typeName,
    first: (values[0]?.[0] ?? 0) as E,
    known,
    toJSON(value: E): JsonValue {
      return names.get(value) ?? value;
    },
    fromJSON(json: JsonValue, where: string): E {
      if (typeof json === "string") {
        const n = numbers.get(json);
        if (n !== undefined) return n as E;
      } else if (typeof json === "number" && Number.isInteger(json) && json >= -2147483648 && json <= 2147483647) {
        if (!closed || known(json)) return json as E;
      }
      throw new JsonError(`${where}: invalid value for enum ${typeName}: ${describeJson(json)}`);
    },
  };
}
