/**
 * Parses one .proto file with protobufjs into its own Root, and turns
 * protobufjs's syntax errors ("illegal token 'x' (file, line 3)") into
 * GeneratorErrors with a line and a column.
 */
import protobuf from "protobufjs";
import { GeneratorError } from "../errors.js";
import type { Token } from "./proto-lexer.js";
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
export function parseProto(name: string, source: string, placeholder: string, index: SourceIndex = indexSource(source)): ParsedFile {
  const root = new protobuf.Root();
  const text = hideProtoNames(source, index, placeholder);
  let result: protobuf.IParserResult;
  try {
    result = parseText(text, root);
  } catch (err) {
    throw toGeneratorError({ file: name, index, text, placeholder }, err);
  }
  return { name, root: result.root, package: result.package ?? "", index };
}

function parseText(text: string, root: protobuf.Root): protobuf.IParserResult {
  return protobuf.parse(text, root, { keepCase: true, alternateCommentMode: true });
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

/** protobufjs's syntax errors: "illegal <what> (<file>, line <n>)". */
const illegalRe = /^illegal (.*) \((?:.*, )?line (\d+)\)$/s;
const expectedRe = /^token '(.*)', '(.*)' expected$/s;
const subjectRe = /^(.+?) '(.*)'$/s;
const duplicateRe = /^duplicate name '(.*)' in \w+ (.*)$/s;

interface Failed {
  readonly file: string;
  readonly index: SourceIndex;
  readonly text: string;
  readonly placeholder: string;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function toGeneratorError(failed: Failed, err: unknown): GeneratorError {
  const { file, index, placeholder } = failed;
  const raw = messageOf(err);
  const message = raw.split(placeholder).join(protoName);
  if (message === "field must be a Field") {
    // protobufjs adds a group's message type to the oneof, which accepts only fields.
    return new GeneratorError("a group inside a oneof is not supported by the protobufjs loader", { file });
  }
  const duplicate = duplicateRe.exec(message);
  if (duplicate) {
    const [, name = "", owner = ""] = duplicate;
    const info = (["field", "message", "enum", "oneof", "value", "service", "method"] as const)
      .map((kind) => index.findByName(kind, name)).find((found) => found !== undefined);
    return new GeneratorError(`"${name}" is already defined in "${owner.replace(/^\./, "")}"`, { file, ...info });
  }
  const match = illegalRe.exec(message);
  if (!match) return new GeneratorError(message, { file });
  const [, subject = "", lineText = "1"] = match;
  const line = Number(lineText);
  const at = (token: string) => ({ file, line, column: columnOf(failed, line, token, raw) });
  const eof = () => {
    const last = index.tokens[index.tokens.length - 1];
    return new GeneratorError("syntax error: unexpected end of file", { file, line: last?.line ?? line, column: last?.column ?? 1 });
  };
  const expected = expectedRe.exec(subject);
  if (expected) {
    const [, actual = "", wanted = ""] = expected;
    if (actual === "null") return eof();
    return new GeneratorError(`syntax error: expected "${wanted}" but found "${actual}"`, at(actual));
  }
  const parts = subjectRe.exec(subject);
  if (!parts) {
    // "string" or "comment": point at the literal that never closes, if the lexer saw it.
    const open = index.tokens.find((t) => t.line === line && t.kind === "string" && (t.text.length < 2 || t.text.at(-1) !== t.text[0]));
    return new GeneratorError(`syntax error: unterminated ${subject}`, { file, line, column: open?.column ?? 1 });
  }
  const [, what = "token", token = ""] = parts;
  if (token === "null" || what === "end of input") return eof();
  return new GeneratorError(describe(what, token), at(token));
}

function describe(what: string, token: string): string {
  if (what === "token") return `syntax error: unexpected "${token}"`;
  const noun = what === "id" ? "field number" : what;
  return `syntax error: "${token}" is not a valid ${noun}`;
}

/**
 * protobufjs names the offending token and its line, not its column. The
 * same text may appear several times on the line, so each candidate is
 * tried: the source cut right after the offending token fails with the same
 * error, while a cut after an earlier, accepted token just ends too soon.
 */
function columnOf(failed: Failed, line: number, token: string, message: string): number {
  const onLine = failed.index.tokens.filter((t) => t.line === line && t.kind !== "eof");
  const matches = (t: Token): boolean =>
    t.text === token || (t.kind === "string" && t.text.slice(1, -1) === token) || (token.startsWith(t.text) && t.text !== "");
  const candidates = onLine.filter(matches);
  const lineStart = failed.text.split("\n").slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  for (const candidate of candidates) {
    const end = lineStart + candidate.column - 1 + candidate.text.length;
    try {
      parseText(failed.text.slice(0, end), new protobuf.Root());
    } catch (err) {
      if (messageOf(err) === message) return candidate.column;
    }
  }
  return candidates[0]?.column ?? onLine[0]?.column ?? 1;
}
