/**
 * Parses one .proto file with protobufjs into its own Root, and turns
 * protobufjs's syntax errors ("illegal token 'x' (file, line 3)") into
 * GeneratorErrors with a line and a column.
 */
import protobuf from "protobufjs";
import { GeneratorError } from "../errors.js";
import { indexSource, type SourceIndex } from "./source-index.js";

/** One file parsed: protobufjs's reflection tree plus our own source index. */
export interface ParsedFile {
  readonly name: string;
  readonly root: protobuf.Root;
  readonly package: string;
  readonly index: SourceIndex;
}

/**
 * protobufjs stores fields and nested types in plain objects, so a name
 * `__proto__` silently vanishes (it sets the object's prototype instead).
 * Such names are renamed to a same-length placeholder before parsing, keeping
 * every line and column, and renamed back when the model is built.
 */
export const protoName = "__proto__";

/** Picks a placeholder for `__proto__` that no source uses. */
export function choosePlaceholder(sources: readonly string[]): string {
  for (let n = 0; n < 1000; n++) {
    const candidate = `__p${n.toString(36).padStart(4, "0")}__`;
    if (!sources.some((source) => source.includes(candidate))) return candidate;
  }
  throw new Error("no free placeholder for __proto__");
}

/** Parses `source` (the text of file `name`); throws GeneratorError on a syntax error. */
export function parseProto(name: string, source: string, placeholder: string): ParsedFile {
  const index = indexSource(source);
  const root = new protobuf.Root();
  let result: protobuf.IParserResult;
  try {
    result = protobuf.parse(hideProtoNames(source, index, placeholder), root, {
      keepCase: true,
      alternateCommentMode: true,
    });
  } catch (err) {
    throw toGeneratorError(name, index, err, placeholder);
  }
  return { name, root: result.root, package: result.package ?? "", index };
}

/** Replaces identifier tokens `__proto__` (never strings or comments) with the placeholder. */
function hideProtoNames(source: string, index: SourceIndex, placeholder: string): string {
  if (!source.includes(protoName)) return source;
  const lines = source.split("\n");
  for (const token of index.tokens) {
    if (token.kind !== "ident" || token.text !== protoName) continue;
    const line = lines[token.line - 1] ?? "";
    const at = token.column - 1;
    lines[token.line - 1] = line.slice(0, at) + placeholder + line.slice(at + protoName.length);
  }
  return lines.join("\n");
}

const illegalRe = /^illegal (\w+) '(.*)' \((?:.*, )?line (\d+)\)$/s;

function toGeneratorError(file: string, index: SourceIndex, err: unknown, placeholder: string): GeneratorError {
  const message = (err instanceof Error ? err.message : String(err)).split(placeholder).join(protoName);
  const match = illegalRe.exec(message);
  if (message === "field must be a Field") {
    // protobufjs adds a group's message type to the oneof, which accepts only fields.
    return new GeneratorError("a group inside a oneof is not supported by the protobufjs loader", { file });
  }
  if (!match) return new GeneratorError(message, { file });
  const [, what = "token", token = "", lineText = "1"] = match;
  const line = Number(lineText);
  if (token === "null" || what === "end") {
    const eof = index.tokens[index.tokens.length - 1];
    return new GeneratorError("syntax error: unexpected end of file", { file, line: eof?.line ?? line, column: eof?.column ?? 1 });
  }
  return new GeneratorError(describe(what, token), { file, line, column: columnOf(index, line, token) });
}

function describe(what: string, token: string): string {
  switch (what) {
    case "token":
      return `syntax error: unexpected "${token}"`;
    case "name":
    case "type":
    case "id":
    case "value":
    case "number":
    case "integer":
    case "reference":
      return `syntax error: "${token}" is not a valid ${what === "id" ? "field number" : what}`;
    default:
      return `syntax error: unexpected ${what} "${token}"`;
  }
}

/**
 * protobufjs names the offending token and its line; the column is where
 * that token first appears on the line (protobufjs may glue a dotted name
 * into one token, so a token that merely starts there counts too).
 */
function columnOf(index: SourceIndex, line: number, token: string): number {
  const onLine = index.tokens.filter((t) => t.line === line && t.kind !== "eof");
  const exact = onLine.find((t) => t.text === token || (t.kind === "string" && t.text.slice(1, -1) === token));
  if (exact) return exact.column;
  const first = token.charAt(0);
  const partial = onLine.find((t) => t.text.startsWith(first) && token.startsWith(t.text));
  return partial?.column ?? onLine[0]?.column ?? 1;
}
