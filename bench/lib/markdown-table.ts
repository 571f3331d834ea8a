/**
 * Markdown tables and the number formats benchmark reports share, so that
 * every `bench:*` script prints figures the same way.
 */

/** Column alignment: text left, numbers right. */
export type Align = "left" | "right";

/** A markdown table; `align` defaults to left for the first column and right for the others. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const aligns = header.map((_, i) => align?.[i] ?? (i === 0 ? "left" : "right"));
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const rule = aligns.map((a) => (a === "right" ? "---:" : "---"));
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

/** 1234567.8 -> "1,234,568". */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** A ratio with two decimals and a times sign: 1.234 -> "1.23×". */
export function formatRatio(n: number): string {
  return `${n.toFixed(2)}×`;
}

/** A fraction as a whole percentage: 0.123 -> "12%". */
export function formatPercent(n: number): string {
  return `${Math.round(n * 100)}%`;
}
