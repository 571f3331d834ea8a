/**
 * Small numeric helpers for summarising repetitions.
 */

/** Median of the finite values, NaN if there are none. */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

/**
 * (max - min) / median of the finite values: how far repetitions of one
 * point disagree. NaN with fewer than two values.
 */
export function spread(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return Number.NaN;
  const m = median(finite);
  return (Math.max(...finite) - Math.min(...finite)) / m;
}
