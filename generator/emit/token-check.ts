/**
 * A token-level check of generated TypeScript that needs no compiler: string,
 * template and regular-expression literals and comments must end, and
 * brackets must balance. It is the safety net for the built-in templates,
 * whose output the test suite also parses and type-checks in full; it runs on
 * every file of every run, so it loads nothing (the TypeScript scanner it
 * replaces cost ~0.4 s of start-up to load) and only stops at quotes,
 * slashes, backslashes and brackets, reading nothing else as tokens (~45 ms
 * for the 10 MB of bench-corpus output, warm).
 *
 * What it does not know: grammar (`const = 1;` passes). A `/` is read as
 * division after a name, number, literal or closing `)`/`]` and as the start
 * of a regular expression elsewhere, the usual heuristic, which is exact for
 * the statements our templates print.
 */

/** A problem at a character offset of the text. */
export interface TokenProblem {
  readonly pos: number;
  readonly message: string;
}

const enum C {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  Dollar = 36,
  SingleQuote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Asterisk = 42,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  UpperA = 65,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  Backtick = 96,
  LowerA = 97,
  LowerZ = 122,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Keywords after which a `/` starts a regular expression, not a division. */
const regexAfterWord = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await"]);

/** The characters that can start or end anything the check cares about (ASCII codes); all else is skipped. */
const special = new Uint8Array(128);
for (const ch of "\"'`/{}()[]\\") special[ch.charCodeAt(0)] = 1;

function isWordChar(c: number): boolean {
  return (
    (c >= C.LowerA && c <= C.LowerZ) || (c >= C.UpperA && c <= C.UpperZ) || (c >= C.Digit0 && c <= C.Digit9) ||
    c === C.Underscore || c === C.Dollar || c > 0x7f
  );
}

function isBlank(c: number): boolean {
  return c === C.Space || c === C.LineFeed || c === C.Tab || c === C.CarriageReturn;
}

function closerOf(open: number): number {
  return open === C.OpenBrace ? C.CloseBrace : open === C.OpenParen ? C.CloseParen : C.CloseBracket;
}

/** Whether a `/` at `pos` divides: the token before it ends an operand. */
function dividesAt(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  const c = text.charCodeAt(i);
  if (c === C.CloseParen || c === C.CloseBracket || c === C.DoubleQuote || c === C.SingleQuote || c === C.Backtick) return true;
  if (!isWordChar(c)) return false;
  const end = i + 1;
  while (i >= 0 && isWordChar(text.charCodeAt(i))) i--;
  return !regexAfterWord.has(text.slice(i + 1, end));
}

/**
 * Scans `text`; returns the first problem, or undefined when every literal
 * and comment ends and every bracket closes in order.
 */
export function findTokenProblem(text: string): TokenProblem | undefined {
  return new Scanner(text).run();
}

class Scanner {
  private pos = 0;
  /** Open brackets: the char code and offset of each. A template's `${` pushes a Dollar and the template's start. */
  private readonly open: number[] = [];
  private readonly openAt: number[] = [];

  constructor(private readonly text: string) {}

  run(): TokenProblem | undefined {
    const { text } = this;
    const end = text.length;
    while (this.pos < end) {
      const c = text.charCodeAt(this.pos);
      if (c >= 128 || special[c] === 0) {
        this.pos++;
        continue;
      }
      const problem = this.token(c);
      if (problem !== undefined) return problem;
    }
    const last = this.openAt.length - 1;
    if (last >= 0) {
      const at = this.openAt[last] ?? 0;
      return this.open[last] === C.Dollar
        ? { pos: at, message: "Unterminated template literal." }
        : { pos: at, message: "bracket is never closed" };
    }
    return undefined;
  }

  /** Steps over the token starting with the special character `c` at `pos`. */
  private token(c: number): TokenProblem | undefined {
    const { text } = this;
    const start = this.pos;
    switch (c) {
      case C.DoubleQuote:
      case C.SingleQuote:
        return this.quoted(c);
      case C.Backtick:
        this.pos++;
        return this.templateRest(start);
      case C.Slash: {
        const next = text.charCodeAt(start + 1);
        if (next === C.Slash) {
          const newline = text.indexOf("\n", start);
          this.pos = newline === -1 ? text.length : newline;
          return undefined;
        }
        if (next === C.Asterisk) {
          const close = text.indexOf("*/", start + 2);
          if (close === -1) return { pos: start, message: "'*/' expected." };
          this.pos = close + 2;
          return undefined;
        }
        if (dividesAt(text, start)) {
          this.pos++;
          return undefined;
        }
        return this.regex();
      }
      case C.OpenBrace:
      case C.OpenParen:
      case C.OpenBracket:
        this.open.push(c);
        this.openAt.push(start);
        this.pos++;
        return undefined;
      case C.Backslash:
        return { pos: start, message: "Invalid character." };
      default:
        return this.close(c);
    }
  }

  private close(c: number): TokenProblem | undefined {
    const start = this.pos;
    const opener = this.open.pop();
    const openedAt = this.openAt.pop() ?? start;
    this.pos++;
    if (opener === C.Dollar && c === C.CloseBrace) {
      // The end of a `${...}` substitution: back inside the template literal that began at `openedAt`.
      return this.templateRest(openedAt);
    }
    if (opener === undefined || closerOf(opener) !== c) {
      return { pos: start, message: `unbalanced '${String.fromCharCode(c)}'` };
    }
    return undefined;
  }
  /** A '...' or "..." literal, which may not span lines (except by a backslash escape). */
  private quoted(quote: number): TokenProblem | undefined {
    const { text } = this;
    const start = this.pos;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        this.pos = i + 1;
        return undefined;
      }
      if (c === C.Backslash) {
        i++;
        // An escaped CR LF is one line continuation.
        if (text.charCodeAt(i) === C.CarriageReturn && text.charCodeAt(i + 1) === C.LineFeed) i++;
      } else if (c === C.LineFeed || c === C.CarriageReturn) {
        return { pos: i, message: "Unterminated string literal." };
      }
    }
    return { pos: text.length, message: "Unterminated string literal." };
  }

  /** The rest of the template literal begun at `start`, after its backtick or a substitution's `}`. */
  private templateRest(start: number): TokenProblem | undefined {
    const { text } = this;
    for (let i = this.pos; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === C.Backslash) {
        i++;
      } else if (c === C.Backtick) {
        this.pos = i + 1;
        return undefined;
      } else if (c === C.Dollar && text.charCodeAt(i + 1) === C.OpenBrace) {
        this.open.push(C.Dollar);
        this.openAt.push(start);
        this.pos = i + 2;
        return undefined;
      }
    }
    return { pos: start, message: "Unterminated template literal." };
  }

  /** A regular expression literal: ends at an unescaped `/` outside a class, on the same line. */
  private regex(): TokenProblem | undefined {
    const { text } = this;
    const start = this.pos;
    let inClass = false;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === C.Backslash) i++;
      else if (c === C.LineFeed || c === C.CarriageReturn) break;
      else if (c === C.OpenBracket) inClass = true;
      else if (c === C.CloseBracket) inClass = false;
      else if (c === C.Slash && !inClass) {
        let j = i + 1;
        while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
        this.pos = j;
        return undefined;
      }
    }
    return { pos: start, message: "Unterminated regular expression literal." };
  }
}
