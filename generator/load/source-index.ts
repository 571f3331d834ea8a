/**
 * Walks the tokens of one .proto file along its declarations and records,
 * for each message, field, oneof, enum, enum value, service and method, where
 * it is and which comments protoc attaches to it. protobufjs keeps neither
 * positions nor protoc's comment split, so the loader reads them from here.
 *
 * The walk trusts that protobufjs has already accepted the file: it follows
 * the grammar only as far as it needs to find declarations and their ends.
 */
import { lexProto, type Token } from "./proto-lexer.js";

/** A place in the source, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** What the walk learns about one declaration. */
export interface DeclarationInfo extends SourcePosition {
  leading?: string;
  trailing?: string;
  /** Where the type of a field is written (for "unknown type" errors). */
  typeAt?: SourcePosition;
  /** Raw tokens of a field's `[default = ...]` value. */
  defaultTokens?: readonly Token[];
  /** Where a method's request and response types are written. */
  inputAt?: SourcePosition;
  outputAt?: SourcePosition;
}

/** One `import` statement. */
export interface ImportInfo extends SourcePosition {
  readonly path: string;
  readonly kind: "plain" | "public" | "weak";
}

export type DeclarationKind = "message" | "field" | "oneof" | "enum" | "value" | "service" | "method";

/** Declarations of one file, keyed by kind and dotted path inside the package. */
export interface SourceIndex {
  /** The syntax or edition statement (its comments document the file). */
  readonly header: DeclarationInfo | undefined;
  readonly syntax: "proto2" | "proto3" | "editions";
  /** Imports in source order. */
  readonly imports: readonly ImportInfo[];
  /** `option deprecated = true;` at file level. */
  readonly deprecated: boolean;
  get(kind: DeclarationKind, path: string): DeclarationInfo | undefined;
  /** Every declaration of a kind whose last path part is `name`, in source order. */
  findByName(kind: DeclarationKind, name: string): DeclarationInfo | undefined;
  /**
   * Tokens of the file, for locating syntax errors. Lexed again on first
   * use: only error paths (and files naming something `__proto__`) need
   * them, and holding every file's tokens through the whole load made them
   * survive into the old generation, most of the load's GC time.
   */
  readonly tokens: readonly Token[];
}

/** Builds the index of `source`. */
export function indexSource(source: string): SourceIndex {
  const walker = new DeclarationWalker(lexProto(source));
  walker.walkFile();
  const entries = walker.entries;
  let tokens: readonly Token[] | undefined;
  return {
    header: walker.header,
    syntax: walker.syntax,
    imports: walker.imports,
    deprecated: walker.deprecated,
    get tokens() {
      tokens ??= lexProto(source);
      return tokens;
    },
    get: (kind, path) => entries.get(`${kind}:${path}`),
    findByName(kind, name) {
      for (const [key, info] of entries) {
        if (key.startsWith(`${kind}:`) && (key.endsWith(`.${name}`) || key === `${kind}:${name}`)) return info;
      }
      return undefined;
    },
  };
}

const labels = new Set(["optional", "required", "repeated"]);

class DeclarationWalker {
  readonly entries = new Map<string, DeclarationInfo>();
  header: DeclarationInfo | undefined;
  syntax: "proto2" | "proto3" | "editions" = "proto2";
  readonly imports: ImportInfo[] = [];
  deprecated = false;
  private i = 0;
  private upcoming: string | undefined;

  constructor(private readonly tokens: readonly Token[]) {
    this.upcoming = tokens[0]?.comments.leading;
  }

  private get cur(): Token {
    return this.at(this.i);
  }

  private at(index: number): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[Math.min(index, this.tokens.length - 1)] ?? last;
    if (!token) throw new Error("token list is empty");
    return token;
  }

  private done(): boolean {
    return this.cur.kind === "eof";
  }

  /**
   * Steps over a token that ends a declaration, as protoc's
   * ConsumeEndOfDeclaration does: the comments gathered before the
   * declaration lead it, the comment after this token trails it.
   */
  private endDeclaration(info: DeclarationInfo | undefined): void {
    const next = this.at(this.i + 1);
    if (info) {
      if (this.upcoming !== undefined) info.leading = this.upcoming;
      if (next.comments.trailing !== undefined) info.trailing = next.comments.trailing;
    }
    this.upcoming = next.comments.leading;
    this.i++;
  }

  private record(kind: DeclarationKind, path: string, at: Token): DeclarationInfo {
    const info: DeclarationInfo = { line: at.line, column: at.column };
    this.entries.set(`${kind}:${path}`, info);
    return info;
  }

  /** Skips to the `;` that ends a simple statement, over nested brackets. */
  private skipStatement(info: DeclarationInfo | undefined): void {
    let depth = 0;
    while (!this.done()) {
      const text = this.cur.text;
      if (this.cur.kind === "symbol") {
        if (text === "{" || text === "[" || text === "(") depth++;
        else if (text === "}" || text === "]" || text === ")") depth--;
        else if (text === ";" && depth <= 0) return this.endDeclaration(info);
      }
      this.i++;
    }
  }

  walkFile(): void {
    while (!this.done()) {
      const text = this.cur.text;
      if (text === "syntax" || text === "edition") {
        const value = this.at(this.i + 2).text.slice(1, -1);
        this.syntax = text === "edition" ? "editions" : value === "proto3" ? "proto3" : "proto2";
        this.header = { line: this.cur.line, column: this.cur.column };
        this.skipStatement(this.header);
      } else if (text === "import") {
        this.recordImport();
      } else if (text === "option" && this.at(this.i + 1).text === "deprecated" && this.at(this.i + 3).text === "true") {
        this.deprecated = true;
        this.skipStatement(undefined);
      } else if (!this.walkCommon("")) {
        // package, import, option, or an empty statement
        this.skipStatement(undefined);
      }
    }
  }

  private recordImport(): void {
    const start = this.cur;
    let j = this.i + 1;
    const modifier = this.at(j).text;
    const kind = modifier === "public" || modifier === "weak" ? modifier : "plain";
    if (kind !== "plain") j++;
    let path = "";
    // Adjacent string literals concatenate, as everywhere else.
    while (this.at(j).kind === "string") path += this.at(j++).text.slice(1, -1);
    this.imports.push({ path, kind, line: start.line, column: start.column });
    this.skipStatement(undefined);
  }

  /** message, enum, service, extend: allowed at file level and in messages. */
  private walkCommon(scope: string): boolean {
    switch (this.cur.text) {
      case "message":
        this.walkMessage(scope);
        return true;
      case "enum":
        this.walkEnum(scope);
        return true;
      case "service":
        this.walkService(scope);
        return true;
      case "extend":
        this.skipTo("{");
        this.endDeclaration(undefined);
        this.walkFields(`${scope}\0extend`, false);
        return true;
      default:
        return false;
    }
  }

  private skipTo(text: string): void {
    while (!this.done() && this.cur.text !== text) this.i++;
  }

  private walkMessage(scope: string): void {
    const name = this.at(this.i + 1);
    const path = join(scope, name.text);
    const info = this.record("message", path, name);
    this.skipTo("{");
    this.endDeclaration(info);
    this.walkFields(path, true);
  }

  /** A message, oneof or extend body, up to and including its `}`. */
  private walkFields(scope: string, isMessage: boolean): void {
    while (!this.done()) {
      const text = this.cur.text;
      if (text === "}") return this.endDeclaration(undefined);
      if (text === ";") {
        this.endDeclaration(undefined);
      } else if (isMessage && this.walkCommon(scope)) {
        continue;
      } else if (isMessage && text === "oneof") {
        const name = this.at(this.i + 1);
        const info = this.record("oneof", join(scope, name.text), name);
        this.skipTo("{");
        this.endDeclaration(info);
        this.walkFields(scope, false);
      } else if (text === "option" || text === "reserved" || text === "extensions") {
        this.skipStatement(undefined);
      } else {
        this.walkField(scope);
      }
    }
  }

  private walkField(scope: string): void {
    if (labels.has(this.cur.text) && this.at(this.i + 1).text !== "=") this.i++;
    const typeToken = this.cur;
    if (typeToken.text === "group") return this.walkGroup(scope);
    if (typeToken.text === "map" && this.at(this.i + 1).text === "<") {
      this.skipTo(">");
      this.i++;
    } else {
      this.skipTypeName();
    }
    const name = this.cur;
    const info = scope.includes("\0") ? { line: name.line, column: name.column } : this.record("field", join(scope, name.text), name);
    info.typeAt = { line: typeToken.line, column: typeToken.column };
    this.readOptions(info);
    this.skipStatement(info);
  }

  /** `a.b.C`, `.a.b.C` or `a . b . C`: dots and names up to the field name. */
  private skipTypeName(): void {
    if (this.cur.text === ".") this.i++;
    this.i++;
    while (this.cur.text === "." && !this.done()) this.i += 2;
  }

  /** Finds `default = ...` in a field's `[...]` options and keeps its tokens. */
  private readOptions(info: DeclarationInfo): void {
    let j = this.i;
    while (this.at(j).text !== "[" && this.at(j).text !== ";" && this.at(j).text !== "{" && this.at(j).kind !== "eof") j++;
    if (this.at(j).text !== "[") return;
    let depth = 0;
    for (; this.at(j).kind !== "eof"; j++) {
      const t = this.at(j);
      if (t.text === "[" || t.text === "{" || t.text === "(") depth++;
      else if (t.text === "]" || t.text === "}" || t.text === ")") {
        if (--depth === 0) return;
      } else if (depth === 1 && t.text === "default" && this.at(j + 1).text === "=") {
        const value: Token[] = [];
        for (j += 2; this.at(j).text !== "," && this.at(j).text !== "]" && this.at(j).kind !== "eof"; j++) value.push(this.at(j));
        info.defaultTokens = value;
        j--;
      }
    }
  }

  /** `group Name = N [options] { ... }`: a field and a nested message at once. */
  private walkGroup(scope: string): void {
    const typeToken = this.cur;
    const name = this.at(this.i + 1);
    const path = join(scope, name.text);
    if (!scope.includes("\0")) {
      const field = this.record("field", join(scope, name.text.toLowerCase()), name);
      field.typeAt = { line: typeToken.line, column: typeToken.column };
    }
    // protoc hands the group's comments to the nested message, not the field.
    const message = this.record("message", path.replace(/\0extend/g, ""), name);
    this.skipTo("{");
    this.endDeclaration(message);
    this.walkFields(path, true);
  }

  private walkEnum(scope: string): void {
    const name = this.at(this.i + 1);
    const path = join(scope, name.text);
    const info = this.record("enum", path, name);
    this.skipTo("{");
    this.endDeclaration(info);
    while (!this.done()) {
      const text = this.cur.text;
      if (text === "}") return this.endDeclaration(undefined);
      if (text === ";") this.endDeclaration(undefined);
      else if (text === "option" || text === "reserved") this.skipStatement(undefined);
      else this.skipStatement(this.record("value", join(path, text), this.cur));
    }
  }

  private walkService(scope: string): void {
    const name = this.at(this.i + 1);
    const path = join(scope, name.text);
    const info = this.record("service", path, name);
    this.skipTo("{");
    this.endDeclaration(info);
    while (!this.done()) {
      const text = this.cur.text;
      if (text === "}") return this.endDeclaration(undefined);
      if (text === "rpc") this.walkMethod(path);
      else if (text === ";") this.endDeclaration(undefined);
      else this.skipStatement(undefined);
    }
  }

  private walkMethod(service: string): void {
    const name = this.at(this.i + 1);
    const info = this.record("method", join(service, name.text), name);
    const types: SourcePosition[] = [];
    for (this.i += 2; !this.done() && this.cur.text !== ";" && this.cur.text !== "{"; this.i++) {
      const t = this.cur;
      const prev = this.at(this.i - 1).text;
      if ((prev === "(" || prev === "stream") && t.text !== "stream") types.push({ line: t.line, column: t.column });
      else if (prev === "(" && t.text === "stream" && this.at(this.i + 1).text === ")") types.push({ line: t.line, column: t.column });
    }
    if (types[0]) info.inputAt = types[0];
    if (types[1]) info.outputAt = types[1];
    if (this.cur.text === ";") return this.endDeclaration(info);
    this.endDeclaration(info);
    while (!this.done()) {
      const text = this.cur.text;
      if (text === "}") return this.endDeclaration(undefined);
      if (text === ";") this.endDeclaration(undefined);
      else this.skipStatement(undefined);
    }
  }
}

function join(scope: string, name: string): string {
  return scope === "" ? name : `${scope}.${name}`;
}
