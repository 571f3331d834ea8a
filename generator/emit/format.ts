/**
 * The last step of every generated file: tidy whitespace and prove the text
 * is valid TypeScript.
 *
 * Templates already print indented code, so no formatter runs: ts-morph's
 * formatter goes through the LanguageService and costs tens of milliseconds
 * a file. Parsing alone (the `ts` compiler API that ts-morph ships) is a few
 * hundred microseconds a file and still catches any template or generator
 * bug that breaks syntax, with a position to show for it.
 */
import { ts } from "ts-morph";
import { GeneratorError } from "../errors.js";

/** Trailing spaces removed, runs of blank lines collapsed to one, one final newline. */
export function tidy(text: string): string {
  const lines = text.split("\n").map((l) => l.replace(/[ \t]+$/, ""));
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (line === "" && (previous === undefined || previous === "" || previous.endsWith("{"))) continue;
    if (previous === "" && /^\s*}/.test(line)) out.pop();
    out.push(line);
  }
  while (out.length !== 0 && out[out.length - 1] === "") out.pop();
  return `${out.join("\n")}\n`;
}

/** Throws a GeneratorError naming `name`, line and column when `text` does not parse. */
export function verifySyntax(name: string, text: string): void {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  // parseDiagnostics is internal to the compiler API but stable for years; it is
  // exactly the syntax errors, without building a Program.
  const diagnostics = (source as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (first === undefined) return;
  const { line, character } = source.getLineAndCharacterOfPosition(first.start);
  const message = ts.flattenDiagnosticMessageText(first.messageText, "\n");
  throw new GeneratorError(`generated code does not parse (a template or generator bug): ${message}`, { file: name, line: line + 1, column: character + 1 });
}
