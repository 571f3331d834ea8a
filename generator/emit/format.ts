/**
 * The last step of every generated file: tidy whitespace and check that the
 * text is TypeScript.
 *
 * Templates already print indented code, so no formatter runs: ts-morph's
 * formatter goes through the LanguageService and costs tens of milliseconds
 * a file. Checking comes in two strengths:
 * - `checkTokens` scans the text (terminated strings, templates and comments,
 *   balanced brackets; see token-check.ts). Used for the built-in templates,
 *   whose output the test suite parses and type-checks in full.
 * - `verifySyntax` parses the text with the TypeScript compiler that ts-morph
 *   ships. Used for user templates (`--templates`), which nothing else has
 *   checked.
 * ts-morph is loaded only by `verifySyntax`, on first use: loading it takes
 * about 0.4 s, more than the rest of a small run. It is `require`d rather
 * than imported so that emit stays synchronous (ts-morph is CommonJS).
 */
import { createRequire } from "node:module";
import type { ts as Ts } from "ts-morph";
import { GeneratorError } from "../errors.js";
import { findTokenProblem } from "./token-check.js";

/** Trailing spaces removed, blank lines collapsed (none after `{` or before `}`), one final newline. */
export function tidy(text: string): string {
  return `${stripLineEnds(text)
    .replace(/\n{3,}/g, "\n\n")
    .replace(/\{\n\n/g, "{\n")
    .replace(/\n\n(\s*\})/g, "\n$1")
    .replace(/^\n+/, "")
    .trimEnd()}\n`;
}

/**
 * Removes spaces and tabs before each newline. The obvious `/[ \t]+\n/g`
 * tries a match at every indentation space and took most of `tidy`'s time;
 * looking back from each newline touches only the line ends.
 */
function stripLineEnds(text: string): string {
  let out = "";
  let from = 0;
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", newline + 1)) {
    let end = newline;
    for (let c = text.charCodeAt(end - 1); c === 32 || c === 9; c = text.charCodeAt(--end - 1));
    if (end !== newline) {
      out += text.slice(from, end);
      from = newline;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

function fail(name: string, text: string, pos: number, message: string): never {
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  throw new GeneratorError(`generated code does not parse (a template or generator bug): ${message}`, { file: name, line, column });
}

/** Throws a GeneratorError with a position for an unterminated literal or comment, or an unbalanced bracket. */
export function checkTokens(name: string, text: string): void {
  const problem = findTokenProblem(text);
  if (problem !== undefined) fail(name, text, problem.pos, problem.message);
}

let compiler: typeof Ts | undefined;

function typescript(): typeof Ts {
  compiler ??= (createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph")).ts;
  return compiler;
}

/** Throws a GeneratorError naming `name`, line and column when `text` does not parse. */
export function verifySyntax(name: string, text: string): void {
  const ts = typescript();
  const source = ts.createSourceFile(name, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
  // parseDiagnostics is internal to the compiler API but stable for years; it is
  // exactly the syntax errors, without building a Program.
  const diagnostics = (source as unknown as { parseDiagnostics?: readonly Ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first === undefined) return;
  fail(name, text, first.start, ts.flattenDiagnosticMessageText(first.messageText, "\n"));
}
