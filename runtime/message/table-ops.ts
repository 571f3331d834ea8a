/**
 * `create` and `equals` driven by a message's field table. Neither is on the
 * codec's hot path, so one shared implementation replaces per-message code.
 * @internal
 */
import { unknownEquals } from "../codec/unknown-fields.js";
import { bytesEquals, floatEquals, listEquals } from "./equality.js";
import { type ResolvedField, scalarZero } from "./field-info.js";
import { copyMap, mapEquals } from "./map-entries.js";

type Bag = Record<string, unknown>;
type Int64Mode = "bigint" | "string" | "number";

/** Converts one value given in a `PartialMessage` to a complete field value. */
function createValue(f: ResolvedField, value: unknown): unknown {
  return f.m !== undefined ? f.m.create(value as object) : value;
}

/** Fills `message` (fresh from `new`) from a deep-partial `init`. */
export function fillFromInit(fields: readonly ResolvedField[], message: object, init: object, int64: Int64Mode): void {
  const m = message as Bag;
  const src = init as Bag;
  for (const f of fields) {
    if (f.oneof !== undefined) {
      const choice = src[f.oneof] as { case?: unknown; value?: unknown } | undefined;
      if (choice === undefined || choice.case !== f.prop) continue;
      const value = f.m !== undefined ? f.m.create((choice.value ?? {}) as object)
        : choice.value ?? (f.e !== undefined ? f.e.first : scalarZero(f.s ?? "int32", int64));
      m[f.oneof] = { case: f.prop, value };
      continue;
    }
    const value = src[f.prop];
    if (value === undefined) continue;
    if (f.key !== undefined) {
      m[f.prop] = copyMap(value as Record<string, unknown>, (v) => createValue(f, v));
    } else if (f.repeated) {
      m[f.prop] = (value as unknown[]).map((v) => createValue(f, v));
    } else {
      m[f.prop] = createValue(f, value);
    }
  }
}

/** The comparison of two values of `f`'s type. */
function valueEquals(f: ResolvedField): ((x: unknown, y: unknown) => boolean) | undefined {
  if (f.m !== undefined) {
    const type = f.m;
    return (x, y) => type.equals(x as object, y as object);
  }
  if (f.s === "bytes") return (x, y) => bytesEquals(x as Uint8Array, y as Uint8Array);
  if (f.s === "float" || f.s === "double") return (x, y) => floatEquals(x as number, y as number);
  return undefined;
}

/** Field-by-field equality, then unknown fields. */
export function equalsByFields(fields: readonly ResolvedField[], a: object, b: object): boolean {
  const x = a as Bag;
  const y = b as Bag;
  const seenOneofs = new Set<string>();
  for (const f of fields) {
    const eq = valueEquals(f) ?? ((p: unknown, q: unknown) => p === q);
    if (f.oneof !== undefined) {
      if (seenOneofs.has(f.oneof)) continue;
      seenOneofs.add(f.oneof);
      const ca = x[f.oneof] as { case: unknown; value?: unknown };
      const cb = y[f.oneof] as { case: unknown; value?: unknown };
      if (ca.case !== cb.case) return false;
      if (ca.case === undefined) continue;
      const member = fields.find((g) => g.oneof === f.oneof && g.prop === ca.case);
      const memberEq = member === undefined ? eq : valueEquals(member) ?? ((p: unknown, q: unknown) => p === q);
      if (!memberEq(ca.value, cb.value)) return false;
      continue;
    }
    const p = x[f.prop];
    const q = y[f.prop];
    if (f.key !== undefined) {
      if (!mapEquals(p as Bag, q as Bag, eq)) return false;
    } else if (f.repeated) {
      if (!listEquals(p as unknown[], q as unknown[], eq)) return false;
    } else if (p !== q && (p === undefined || q === undefined || !eq(p, q))) {
      return false;
    }
  }
  return unknownEquals(a, b);
}
