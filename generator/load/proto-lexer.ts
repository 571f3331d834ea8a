/**
 * A lexer for .proto source that records what protobufjs does not: the line
 * and column of every token, and comments split the way protoc splits them.
 *
 * protoc collects comments only while stepping over a declaration's last token
 * (`Tokenizer::NextWithComments`): the comment on the same line (or the block
 * right below, up to a blank line) trails the declaration just finished, the
 * block touching the next token leads it, the rest is detached. Each token
 * here carries what that step would report if the parser stepped onto it
 * from the previous token, so the declaration walker can pick up comments at
 * the tokens where protoc's parser asks for them.
 */

export type TokenKind = "ident" | "number" | "string" | "symbol" | "eof";

/** Comments protoc would report when stepping from the previous token onto this one. */
export interface StepComments {
  /** Trails the previous token's declaration (if that token ends one). */
  readonly trailing?: string;
  /** Leads the declaration starting at this token. */
  readonly leading?: string;
}

export interface Token {
  readonly kind: TokenKind;
  /** Raw text as written (string tokens keep their quotes and escapes). */
  readonly text: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in characters. */
  readonly column: number;
  readonly comments: StepComments;
}

/**
 * Splits `source` into tokens, ending with one `eof` token. Never throws:
 * protobufjs reports syntax errors; this lexer only has to be right for
 * source that protobufjs accepted, and harmless for the rest.
 */
export function lexProto(source: string): Token[] {
  return new Lexer(source).run();
}

// Character classes by code: the lexer runs over every byte of every file,
// and a regular expression test per character was most of its time.
function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** Space, tab, CR, vertical tab, form feed: blanks that do not end a line. */
function isInlineSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c;
}

const NEWLINE = 0x0a;
const SLASH = 0x2f;

/** Shared by every token with no comments before it (most of them). */
const noComments: StepComments = Object.freeze({});

/** Gathers comments between two tokens like protoc's CommentCollector. */
class Collector {
  private buffer = "";
  private hasComment = false;
  private isLine = false;
  private canAttachToPrev: boolean;
  trailing: string | undefined;

  constructor(atStart: boolean) {
    this.canAttachToPrev = !atStart;
  }

  startLineComment(): void {
    // Consecutive line comments form one block; a block comment does not join them.
    if (this.hasComment && !this.isLine) this.flush();
    this.hasComment = true;
    this.isLine = true;
  }

  startBlockComment(): void {
    if (this.hasComment) this.flush();
    this.hasComment = true;
    this.isLine = false;
  }

  append(text: string): void {
    this.buffer += text;
  }

  clear(): void {
    this.buffer = "";
    this.hasComment = false;
  }

  /** The buffered comment is complete and does not touch the next token. */
  flush(): void {
    if (!this.hasComment) return;
    if (this.canAttachToPrev) {
      this.trailing = (this.trailing ?? "") + this.buffer;
      this.canAttachToPrev = false;
    }
    // Otherwise it is a detached comment, which the model does not keep.
    this.clear();
  }

  detachFromPrev(): void {
    this.canAttachToPrev = false;
  }

  finish(): StepComments {
    const leading = this.hasComment ? this.buffer : undefined;
    if (leading === undefined && this.trailing === undefined) return noComments;
    return {
      ...(this.trailing !== undefined ? { trailing: this.trailing } : {}),
      ...(leading !== undefined ? { leading } : {}),
    };
  }
}

class Lexer {
  private pos = 0;
  private line = 1;
  private column = 1;
  private readonly tokens: Token[] = [];

  constructor(private readonly src: string) {
    // A UTF-8 byte order mark is not part of the text (protoc skips it too).
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  run(): Token[] {
    let atStart = true;
    for (;;) {
      const comments = this.stepComments(atStart);
      atStart = false;
      const line = this.line;
      const column = this.column;
      if (this.pos >= this.src.length) {
        this.tokens.push({ kind: "eof", text: "", line, column, comments });
        return this.tokens;
      }
      const { kind, text } = this.readToken();
      this.tokens.push({ kind, text, line, column, comments });
    }
  }

  private peek(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  private advance(): string {
    const ch = this.src.charAt(this.pos++);
    if (ch === "\n") {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    return ch;
  }

  private skipSpacesNoNewline(): void {
    const start = this.pos;
    while (isInlineSpace(this.src.charCodeAt(this.pos))) this.pos++;
    this.column += this.pos - start;
  }

  private commentStart(): "line" | "block" | undefined {
    if (this.peek() !== "/") return undefined;
    if (this.peek(1) === "/") return "line";
    if (this.peek(1) === "*") return "block";
    return undefined;
  }

  /** Reads `//...` including its newline; returns the text after the slashes. */
  private lineComment(): string {
    const start = this.pos + 2;
    const newline = this.src.indexOf("\n", start);
    const end = newline === -1 ? this.src.length : newline + 1;
    if (newline === -1) {
      this.column += end - this.pos;
    } else {
      this.line++;
      this.column = 1;
    }
    this.pos = end;
    return this.src.slice(start, end);
  }

  /**
   * Reads a block comment. Like protoc, each continuation line drops its
   * leading blanks and one `*`, and the closing `*\/` is not part of the text.
   */
  private blockComment(): string {
    this.advance();
    this.advance();
    let text = "";
    while (this.pos < this.src.length) {
      const ch = this.peek();
      if (ch === "\n") {
        text += this.advance();
        this.skipSpacesNoNewline();
        if (this.peek() === "*") {
          this.advance();
          if (this.peek() === "/") {
            this.advance();
            return text;
          }
        }
      } else if (ch === "*" && this.peek(1) === "/") {
        this.advance();
        this.advance();
        return text;
      } else {
        text += this.advance();
      }
    }
    return text;
  }

  /** protoc's NextWithComments, minus the token itself. */
  private stepComments(atStart: boolean): StepComments {
    if (!atStart) {
      this.skipSpacesNoNewline();
      // The common case, another token on the same line: nothing to collect.
      const next = this.src.charCodeAt(this.pos);
      if (next !== SLASH && next !== NEWLINE) return noComments;
    }
    const collector = new Collector(atStart);
    if (!atStart) {
      const start = this.commentStart();
      if (start === "line") {
        collector.startLineComment();
        collector.append(this.lineComment());
        collector.flush();
      } else if (start === "block") {
        collector.startBlockComment();
        collector.append(this.blockComment());
        this.skipSpacesNoNewline();
        if (this.peek() !== "\n") {
          // The next token shares the line: nobody can tell whose comment this is.
          collector.clear();
          return noComments;
        }
        this.advance();
        collector.flush();
      } else if (this.peek() === "\n") {
        this.advance();
      } else {
        return noComments;
      }
    }
    for (;;) {
      this.skipSpacesNoNewline();
      const start = this.commentStart();
      if (start === "line") {
        collector.startLineComment();
        collector.append(this.lineComment());
      } else if (start === "block") {
        collector.startBlockComment();
        collector.append(this.blockComment());
        this.skipSpacesNoNewline();
        if (this.peek() === "\n") this.advance();
      } else if (this.peek() === "\n") {
        // A blank line ends a comment block and any claim of the previous token.
        collector.flush();
        collector.detachFromPrev();
        this.advance();
      } else {
        if (this.pos >= this.src.length || "}])".includes(this.peek())) {
          // At the end of a scope a comment cannot lead anything.
          collector.flush();
        }
        return collector.finish();
      }
    }
  }

  private readToken(): { kind: Exclude<TokenKind, "eof">; text: string } {
    const start = this.pos;
    const ch = this.peek();
    const code = this.src.charCodeAt(start);
    if (isIdentStart(code)) {
      // Identifiers never hold a newline, so the column moves by their length.
      while (isIdentPart(this.src.charCodeAt(this.pos))) this.pos++;
      this.column += this.pos - start;
      return { kind: "ident", text: this.src.slice(start, this.pos) };
    }
    if (isDigit(code) || (ch === "." && isDigit(this.src.charCodeAt(start + 1)))) {
      this.readNumber();
      return { kind: "number", text: this.src.slice(start, this.pos) };
    }
    if (ch === '"' || ch === "'") {
      this.advance();
      while (this.pos < this.src.length && this.peek() !== ch && this.peek() !== "\n") {
        if (this.advance() === "\\" && this.pos < this.src.length) this.advance();
      }
      if (this.peek() === ch) this.advance();
      return { kind: "string", text: this.src.slice(start, this.pos) };
    }
    this.advance();
    return { kind: "symbol", text: ch };
  }

  private readNumber(): void {
    while (this.pos < this.src.length) {
      const ch = this.peek();
      const prev = this.src.charAt(this.pos - 1);
      if (isIdentPart(ch.charCodeAt(0)) || ch === ".") this.advance();
      else if ((ch === "+" || ch === "-") && /[eE]/.test(prev) && !/^0[xX]/.test(this.currentNumber())) this.advance();
      else return;
    }
  }

  private currentNumber(): string {
    let i = this.pos;
    while (i > 0 && /[A-Za-z0-9_.]/.test(this.src.charAt(i - 1))) i--;
    return this.src.slice(i, this.pos);
  }
}
