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

const identStart = /[A-Za-z_]/;
const identPart = /[A-Za-z0-9_]/;
const numberPart = /[A-Za-z0-9_.]/;

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
    while (this.pos < this.src.length && /[ \t\r\v\f]/.test(this.peek())) this.advance();
  }

  private commentStart(): "line" | "block" | undefined {
    if (this.peek() !== "/") return undefined;
    if (this.peek(1) === "/") return "line";
    if (this.peek(1) === "*") return "block";
    return undefined;
  }

  /** Reads `//...` including its newline; returns the text after the slashes. */
  private lineComment(): string {
    this.advance();
    this.advance();
    let text = "";
    while (this.pos < this.src.length) {
      const ch = this.advance();
      text += ch;
      if (ch === "\n") break;
    }
    return text;
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
    const collector = new Collector(atStart);
    if (!atStart) {
      this.skipSpacesNoNewline();
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
          return {};
        }
        this.advance();
        collector.flush();
      } else if (this.peek() === "\n") {
        this.advance();
      } else {
        return {};
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
    if (identStart.test(ch)) {
      while (identPart.test(this.peek())) this.advance();
      return { kind: "ident", text: this.src.slice(start, this.pos) };
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(this.peek(1)))) {
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
      if (numberPart.test(ch)) this.advance();
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
