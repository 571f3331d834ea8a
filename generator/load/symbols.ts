/**
 * Name resolution the way protoc does it, over every loaded file.
 *
 * protobufjs resolves type names by searching each enclosing namespace for
 * the whole dotted name and ignores imports. protoc instead looks up only the
 * first part of the name from the innermost scope outwards, then requires the
 * rest inside what it found, skips non-types, and sees only symbols from the
 * file itself, its imports and their public imports. The two disagree on
 * shadowed names, so the loader resolves with this table.
 */

export type SymbolKind = "package" | "message" | "enum" | "service" | "field" | "oneof" | "value" | "method";

interface SymbolEntry {
  readonly kind: SymbolKind;
  readonly file: string;
}

/** A resolved message or enum. */
export interface ResolvedType {
  readonly fullName: string;
  readonly kind: "message" | "enum";
  readonly file: string;
}

/** Why a lookup failed, for the error message. */
export interface LookupFailure {
  /** The symbol exists but lives in a file the user did not import. */
  readonly notImportedFrom?: string;
  /** The name was found but is not a message or enum. */
  readonly notAType?: string;
}

const aggregates = new Set<SymbolKind>(["package", "message", "enum", "service"]);

/** Every symbol of a schema, with protoc's lookup rules. */
export class SymbolTable {
  private readonly symbols = new Map<string, SymbolEntry>();
  /** Package name (and each of its prefixes) to the files declaring it. */
  private readonly packages = new Map<string, Set<string>>();

  /** Registers `fullName` (no leading dot) as declared in `file`; the first declaration wins. */
  add(fullName: string, kind: Exclude<SymbolKind, "package">, file: string): void {
    if (!this.symbols.has(fullName)) this.symbols.set(fullName, { kind, file });
  }

  /** Registers the package of `file` and every prefix of it. */
  addPackage(pkg: string, file: string): void {
    if (pkg === "") return;
    const parts = pkg.split(".");
    for (let n = 1; n <= parts.length; n++) {
      const name = parts.slice(0, n).join(".");
      let files = this.packages.get(name);
      if (!files) this.packages.set(name, (files = new Set()));
      files.add(file);
    }
  }

  /**
   * Resolves a type name written in an element whose full name is `scope`
   * (e.g. "pkg.Msg.field" for a field), seen from files `visible`.
   */
  resolveType(name: string, scope: string, visible: ReadonlySet<string>): ResolvedType | LookupFailure {
    const failure: { notImportedFrom?: string; notAType?: string } = {};
    const found = this.lookup(name, scope, visible, failure);
    if (found && (found.kind === "message" || found.kind === "enum")) return found as ResolvedType;
    if (found) return { notAType: found.fullName };
    return failure;
  }

  private lookup(
    name: string,
    scope: string,
    visible: ReadonlySet<string>,
    failure: { notImportedFrom?: string },
  ): (SymbolEntry & { fullName: string }) | undefined {
    if (name.startsWith(".")) return this.find(name.slice(1), visible, failure);
    const dot = name.indexOf(".");
    const first = dot < 0 ? name : name.slice(0, dot);
    let outer = scope;
    for (;;) {
      const cut = outer.lastIndexOf(".");
      if (cut < 0) return this.find(name, visible, failure);
      outer = outer.slice(0, cut);
      const candidate = this.find(`${outer}.${first}`, visible, failure);
      if (!candidate) continue;
      if (dot >= 0) {
        // Only the first part is searched outwards; the rest must be inside it.
        if (aggregates.has(candidate.kind)) return this.find(`${outer}.${name}`, visible, failure);
      } else if (candidate.kind === "message" || candidate.kind === "enum") {
        return candidate;
      }
      // A field, value or other non-type with that name: keep looking outwards.
    }
  }

  private find(
    fullName: string,
    visible: ReadonlySet<string>,
    failure: { notImportedFrom?: string },
  ): (SymbolEntry & { fullName: string }) | undefined {
    const entry = this.symbols.get(fullName);
    if (entry) {
      if (visible.has(entry.file)) return { ...entry, fullName };
      failure.notImportedFrom ??= entry.file;
    }
    const files = this.packages.get(fullName);
    if (files) {
      for (const file of files) {
        if (visible.has(file)) return { kind: "package", file, fullName };
      }
    }
    return undefined;
  }
}
