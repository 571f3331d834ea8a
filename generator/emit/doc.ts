/**
 * .proto comments to TSDoc. Leading and trailing comments become the
 * description (leading first, as protoc orders them), `deprecated` becomes
 * `@deprecated`. The text is kept as written except for what would end the
 * comment early.
 */
import type { DocModel } from "../model/model.js";

/** A TSDoc comment as printed lines (`/** text *\/` or a multi-line block); empty for none. */
export type DocView = readonly string[];

/** The TSDoc comment of an element, with `extra` lines (tags) appended. */
export function docLines(doc: DocModel, extra: readonly string[] = []): DocView {
  const lines = docText(doc, extra);
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`/** ${lines[0] ?? ""} */`];
  return ["/**", ...lines.map((l) => (l === "" ? " *" : ` * ${l}`)), " */"];
}

function docText(doc: DocModel, extra: readonly string[]): string[] {
  const lines: string[] = [];
  for (const text of [doc.leading, doc.trailing]) {
    if (text === undefined || text.trim() === "") continue;
    if (lines.length !== 0) lines.push("");
    lines.push(...clean(text));
  }
  if (extra.length !== 0 && lines.length !== 0) lines.push("");
  lines.push(...extra);
  if (doc.deprecated) lines.push("@deprecated");
  return lines;
}

function clean(text: string): string[] {
  let lines = text.replace(/\r\n?/g, "\n").split("\n").map((l) => l.replace(/\s+$/, ""));
  // A `/** ... */` comment reaches us with its second `*` as a line of its own.
  if (lines[0] === "*") {
    lines = lines.slice(1);
    if (lines.every((l) => l === "" || /^\s*\*/.test(l))) lines = lines.map((l) => l.replace(/^\s*\* ?/, ""));
  }
  // protoc keeps the space after `//`; drop the indentation all lines share.
  const indents = lines.filter((l) => l !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  const trimmed = lines.map((l) =>
    l
      .slice(common)
      // Would end the comment early.
      .replace(/\*\//g, "*\\/")
      // A line starting with `@` would read as a TSDoc tag the author never wrote.
      .replace(/^(\s*)@/, "$1\\@"),
  );
  while (trimmed.length !== 0 && trimmed[0] === "") trimmed.shift();
  while (trimmed.length !== 0 && trimmed[trimmed.length - 1] === "") trimmed.pop();
  return trimmed;
}
