/**
 * Value comparisons used by generated `equals()`.
 * @internal
 */

/** Byte-wise equality; both undefined is equal. */
export function bytesEquals(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Float equality where NaN equals NaN (a decoded NaN should equal itself); 0 equals -0. */
export function floatEquals(a: number | undefined, b: number | undefined): boolean {
  return a === b || (a !== a && b !== b);
}

/** Element-wise equality of repeated fields (by `eq`, default `===`). */
export function listEquals<T>(a: readonly T[], b: readonly T[], eq?: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as T;
    const y = b[i] as T;
    if (eq === undefined ? x !== y : !eq(x, y)) return false;
  }
  return true;
}
