/**
 * Map fields are plain objects (`{ [key: string]: V }`), the shape users
 * expect from JSON. The one hazard is the key `"__proto__"`: assigning it
 * would replace the object's prototype instead of adding an entry, so every
 * string-keyed write from decoded or user data goes through `setEntry`.
 * @internal
 */

/** A map field of either key shape, as the helpers read it. */
export type AnyMap<V> = { readonly [key: string]: V } | { readonly [key: number]: V };

/** Sets `map[key] = value` as an own, enumerable property, even for `"__proto__"`. */
export function setEntry<V>(map: { [key: string]: V }, key: string, value: V): void {
  if (key === "__proto__") {
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    map[key] = value;
  }
}

/** The entries of a map field (own enumerable keys, insertion order). */
export function mapEntries<V>(map: AnyMap<V>): [string, V][] {
  const out: [string, V][] = [];
  const record = map as { readonly [key: string]: V | undefined };
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value !== undefined) out.push([key, value]);
  }
  return out;
}

/**
 * A copy of a map with each value converted; entries whose value is
 * undefined (allowed in a `PartialMessage`) are dropped.
 */
export function copyMap<V, W>(map: AnyMap<V | undefined>, convert: (value: V) => W): { [key: string]: W } {
  const out: { [key: string]: W } = {};
  const record = map as { readonly [key: string]: V | undefined };
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value !== undefined) setEntry(out, key, convert(value));
  }
  return out;
}

/** Equal key sets and equal values (by `eq`, default `===`). */
export function mapEquals<V>(a: AnyMap<V>, b: AnyMap<V>, eq?: (x: V, y: V) => boolean): boolean {
  const ra = a as { readonly [key: string]: V | undefined };
  const rb = b as { readonly [key: string]: V | undefined };
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(rb, key)) return false;
    const x = ra[key];
    const y = rb[key];
    if (x === undefined || y === undefined) {
      if (x !== y) return false;
    } else if (eq === undefined ? x !== y : !eq(x, y)) {
      return false;
    }
  }
  return true;
}
