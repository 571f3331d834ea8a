/**
 * The last step of every generated file: tidy whitespace and check that the
 * text is TypeScript.
 *
 * Templates already print indented code, so no formatter runs: ts-morph's
 * formatter goes through the LanguageService and costs tens of milliseconds
 * a file. Checking comes in two strengths, both on the `ts` compiler API that
 * ts-morph ships:
 * - `checkTokens` scans the text (valid tokens, terminated strings and
 *   comments, balanced brackets). About a quarter of a parse; used for the
 *   built-in templates, whose output the test suite parses and type-checks in
 *   full.
 * - `verifySyntax` parses the text. Used for user templates (`--templates`),
 *   which nothing else has checked.
 * Measured on the 200-file bench corpus (10 MB of output), warm, on a
 * 2-core machine at load 6: scan ~0.19 s, full parse ~1.5 s.
 */
import { ts } from "ts-morph";
import { GeneratorError } from "../errors.js";

/** Trailing spaces removed, blank lines collapsed (none after `{` or before `}`), one final newline. */
export function tidy(text: string): string {
  return `${text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/\{\n\n/g, "{\n")
    .replace(/\n\n(\s*\})/g, "\n$1")
    .replace(/^\n+/, "")
    .replace(/\s+$/, "")}\n`;
}

function fail(name: string, text: string, pos: number, message: string): never {
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  throw new GeneratorError(`generated code does not parse (a template or generator bug): ${message}`, { file: name, line, column });
}

// Read once: the kinds are getters on ts-morph's re-export, too slow for a per-token loop.
const K = ts.SyntaxKind;
const EOF = K.EndOfFileToken;
const OPEN_BRACE = K.OpenBraceToken;
const OPEN_PAREN = K.OpenParenToken;
const OPEN_BRACKET = K.OpenBracketToken;
const CLOSE_BRACE = K.CloseBraceToken;
const CLOSE_PAREN = K.CloseParenToken;
const CLOSE_BRACKET = K.CloseBracketToken;

/** Throws a GeneratorError with a position for a bad token or an unbalanced bracket. */
export function checkTokens(name: string, text: string): void {
  let error: { pos: number; message: string } | undefined;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text, (message, length) => {
    error ??= { pos: scanner.getTokenEnd() - length, message: ts.flattenDiagnosticMessageText(message.message, "\n") };
  });
  const kinds: number[] = [];
  const starts: number[] = [];
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === OPEN_BRACE || kind === OPEN_PAREN || kind === OPEN_BRACKET) {
      kinds.push(kind);
      starts.push(scanner.getTokenStart());
    } else if (kind === CLOSE_BRACE || kind === CLOSE_PAREN || kind === CLOSE_BRACKET) {
      const opener = kind === CLOSE_BRACE ? OPEN_BRACE : kind === CLOSE_PAREN ? OPEN_PAREN : OPEN_BRACKET;
      starts.pop();
      if (kinds.pop() !== opener) {
        // A bad token (say, an unterminated string) is the better thing to report.
        if (error !== undefined) fail(name, text, error.pos, error.message);
        fail(name, text, scanner.getTokenStart(), `unbalanced '${scanner.getTokenText()}'`);
      }
    }
  }
  if (error !== undefined) fail(name, text, error.pos, error.message);
  const unclosed = starts.pop();
  if (unclosed !== undefined) fail(name, text, unclosed, "bracket is never closed");
}

/** Throws a GeneratorError naming `name`, line and column when `text` does not parse. */
export function verifySyntax(name: string, text: string): void {
  const source = ts.createSourceFile(name, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, ts.ScriptKind.TS);
  // parseDiagnostics is internal to the compiler API but stable for years; it is
  // exactly the syntax errors, without building a Program.
  const diagnostics = (source as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first === undefined) return;
  fail(name, text, first.start, ts.flattenDiagnosticMessageText(first.messageText, "\n"));
}
