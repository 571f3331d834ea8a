/**
 * An error caused by the user's input (a bad .proto, a missing import, a bad
 * flag). The CLI prints `message` alone, without a stack trace, and exits 1.
 * When the error has a position, `message` already starts with
 * `file:line:column: `.
 */
export class GeneratorError extends Error {
  override readonly name = "GeneratorError";
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, where?: { file: string; line?: number; column?: number }) {
    super(where ? `${formatPosition(where)}: ${message}` : message);
    this.file = where?.file;
    this.line = where?.line;
    this.column = where?.column;
  }
}

function formatPosition(where: { file: string; line?: number; column?: number }): string {
  if (where.line === undefined) return where.file;
  return `${where.file}:${where.line}:${where.column ?? 1}`;
}
