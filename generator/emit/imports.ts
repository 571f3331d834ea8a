import type { EmitOptions } from "../options.js";
import type { TypeSymbol } from "./symbols.js";

/** One binding pulled from a module. */
interface ImportedName {
  readonly exported: string;
  readonly local: string;
  /** Stays true while the name is only used in type positions (`import { type X }`). */
  typeOnly: boolean;
}

/** An import statement of a generated file, ready for a template. */
export interface ImportView {
  readonly from: string;
  /** `import type { ... }` when every name is a type. */
  readonly typeOnly: boolean;
  /** `X`, `X as Y`, `type X` or `type X as Y`, sorted. */
  readonly names: readonly string[];
}

/**
 * The imports of one generated file. Generated code never writes an imported
 * name itself: it asks the tracker, which records the import and answers with
 * the local name to use. A name that collides with something the file
 * declares, or with an earlier import, is aliased as `Name$1`, `Name$2`, ...
 * in the order of first use, which is deterministic.
 */
export class ImportTracker {
  private readonly modules = new Map<string, Map<string, ImportedName>>();
  private readonly locals = new Set<string>();

  /**
   * @param fileName the generated file's own path (`pkg/foo.ts`), for relative imports
   * @param declared names the file declares at top level
   */
  constructor(
    private readonly fileName: string,
    declared: ReadonlySet<string>,
    private readonly options: EmitOptions,
  ) {
    for (const name of declared) this.locals.add(name);
  }

  /** A value exported by the runtime (`Reader`, `writeUnknown`, ...). */
  runtime(name: string): string {
    return this.use(this.options.runtimeImport, name, false);
  }

  /** A type exported by the runtime (`MessageType`, `JsonValue`, ...). */
  runtimeType(name: string): string {
    return this.use(this.options.runtimeImport, name, true);
  }

  /**
   * The local name of `symbol`'s export plus `suffix` (`"$json"` for an enum's
   * JSON table), imported from its generated file unless it is declared here.
   */
  symbol(symbol: TypeSymbol, suffix = "", typeOnly = false): string {
    const target = generatedFileName(symbol.file);
    const exported = symbol.name + suffix;
    if (target === this.fileName) return exported;
    return this.use(this.relative(target), exported, typeOnly);
  }

  /** The import statements, runtime first, then other files by path; names sorted. */
  render(): ImportView[] {
    const runtime = this.options.runtimeImport;
    const froms = [...this.modules.keys()].sort((a, b) =>
      a === runtime ? -1 : b === runtime ? 1 : a < b ? -1 : a > b ? 1 : 0,
    );
    return froms.map((from) => {
      const names = [...(this.modules.get(from)?.values() ?? [])];
      names.sort((a, b) => (a.exported < b.exported ? -1 : a.exported > b.exported ? 1 : 0));
      const typeOnly = names.every((n) => n.typeOnly);
      return {
        from,
        typeOnly,
        names: names.map((n) => {
          const binding = n.local === n.exported ? n.exported : `${n.exported} as ${n.local}`;
          return !typeOnly && n.typeOnly ? `type ${binding}` : binding;
        }),
      };
    });
  }

  private use(from: string, exported: string, typeOnly: boolean): string {
    let names = this.modules.get(from);
    if (names === undefined) {
      names = new Map();
      this.modules.set(from, names);
    }
    const existing = names.get(exported);
    if (existing !== undefined) {
      if (!typeOnly) existing.typeOnly = false;
      return existing.local;
    }
    let local = exported;
    for (let i = 1; this.locals.has(local); i++) local = `${exported}$${i}`;
    this.locals.add(local);
    names.set(exported, { exported, local, typeOnly });
    return local;
  }

  private relative(target: string): string {
    const from = this.fileName.split("/").slice(0, -1);
    const to = target.split("/");
    let common = 0;
    while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
    const up = from.length - common;
    const rest = to.slice(common).join("/");
    const base = up === 0 ? `./${rest}` : `${"../".repeat(up)}${rest}`;
    return withExtension(base, this.options.importExtension);
  }
}

/** The output path of the file generated from `protoFile`: `.proto` -> `.ts`. */
export function generatedFileName(protoFile: string): string {
  return protoFile.endsWith(".proto") ? `${protoFile.slice(0, -".proto".length)}.ts` : `${protoFile}.ts`;
}

function withExtension(pathWithTs: string, ext: EmitOptions["importExtension"]): string {
  const stem = pathWithTs.slice(0, -".ts".length);
  return ext === "none" ? stem : `${stem}.${ext}`;
}
