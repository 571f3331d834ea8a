import { GeneratorError } from "../errors.js";
import type { EnumModel, FileModel, MessageModel, SchemaModel, ServiceModel } from "../model/model.js";
import { declarationName, localTypeName } from "./names.js";

/** A message or enum with the name its generated file exports it under. */
export type TypeSymbol =
  | { readonly kind: "message"; readonly name: string; readonly file: string; readonly model: MessageModel }
  | { readonly kind: "enum"; readonly name: string; readonly file: string; readonly model: EnumModel };

/** A service with the names of its exported definition const, client class and service interface. */
export interface ServiceSymbol {
  readonly name: string;
  readonly model: ServiceModel;
  /** `<Service>Client`, the generated client class. */
  readonly client: string;
  /** `<Service>Service`, the interface a server implements. */
  readonly server: string;
}

/** The names one generated file declares, in the order they are emitted. */
export interface FileSymbols {
  readonly file: FileModel;
  /** Messages depth-first (each followed by its nested enums and messages), then top-level enums. */
  readonly types: readonly TypeSymbol[];
  readonly services: readonly ServiceSymbol[];
  /** Every top-level binding the file declares, for import aliasing. */
  readonly declared: ReadonlySet<string>;
}

/**
 * Names every type of a schema once, so that a file and every file importing
 * it agree on what a type is called.
 *
 * Naming rule: `pkg.Outer.Inner` -> `Outer_Inner`, with `$` appended when the
 * name is reserved (see names.ts) or already declared earlier in the same file
 * (walk order as in `FileSymbols.types`, then service definitions, then
 * clients and service interfaces). Internal helpers take the type's name plus
 * a `$suffix`; a service's definition is `<Service>Definition`, its client
 * `<Service>Client` and its server interface `<Service>Service`.
 */
export class SchemaIndex {
  private readonly byType = new Map<string, TypeSymbol>();
  private readonly byFile = new Map<string, FileSymbols>();

  constructor(readonly schema: SchemaModel) {
    for (const file of schema.files) {
      const symbols = nameFile(file);
      this.byFile.set(file.name, symbols);
      for (const t of symbols.types) this.byType.set(t.model.fullName, t);
    }
  }

  /** The symbols of a file of the schema. */
  file(name: string): FileSymbols {
    const symbols = this.byFile.get(name);
    if (symbols === undefined) throw new GeneratorError(`file "${name}" is not part of the schema`);
    return symbols;
  }

  /** The symbol of a type referenced from `usedIn` (a "file: element" description for errors). */
  type(fullName: string, usedIn: string): TypeSymbol {
    const symbol = this.byType.get(fullName);
    if (symbol === undefined) throw new GeneratorError(`unknown type "${fullName}" used in ${usedIn}`);
    return symbol;
  }

  /** The message symbol for `fullName`; errors when it names an enum or nothing. */
  message(fullName: string, usedIn: string): MessageModel {
    const symbol = this.type(fullName, usedIn);
    if (symbol.kind !== "message") throw new GeneratorError(`"${fullName}" used in ${usedIn} is not a message`);
    return symbol.model;
  }

  /** The enum model for `fullName`; errors when it names a message or nothing. */
  enum(fullName: string, usedIn: string): EnumModel {
    const symbol = this.type(fullName, usedIn);
    if (symbol.kind !== "enum") throw new GeneratorError(`"${fullName}" used in ${usedIn} is not an enum`);
    return symbol.model;
  }
}

function nameFile(file: FileModel): FileSymbols {
  const declared = new Set<string>();
  const claim = (base: string): string => {
    let name = declarationName(base);
    while (declared.has(name)) name += "$";
    declared.add(name);
    return name;
  };
  const types: TypeSymbol[] = [];
  const visit = (message: MessageModel): void => {
    types.push({ kind: "message", name: claim(localTypeName(message.fullName, file.package)), file: file.name, model: message });
    for (const e of message.nestedEnums) {
      types.push({ kind: "enum", name: claim(localTypeName(e.fullName, file.package)), file: file.name, model: e });
    }
    for (const nested of message.nestedMessages) visit(nested);
  };
  for (const message of file.messages) visit(message);
  for (const e of file.enums) {
    types.push({ kind: "enum", name: claim(localTypeName(e.fullName, file.package)), file: file.name, model: e });
  }
  // Definitions first, so adding the stubs never renamed an existing definition.
  const defined = file.services.map((model) => ({ model, base: localTypeName(model.fullName, file.package) }))
    .map(({ model, base }) => ({ model, base, name: claim(`${base}Definition`) }));
  const services = defined.map(({ model, base, name }): ServiceSymbol => ({
    name,
    model,
    client: claim(`${base}Client`),
    server: claim(`${base}Service`),
  }));
  // Internal helpers are `<Type>$suffix`; reserve them so imports never alias onto them.
  for (const t of types) {
    for (const suffix of t.kind === "message" ? messageHelperSuffixes : enumHelperSuffixes) declared.add(t.name + suffix);
  }
  return { file, types, services, declared };
}

/** Suffixes of the per-message helpers a generated file declares. */
export const messageHelperSuffixes = ["$new", "$write", "$read", "$check", "$toJSON", "$fromJSON"] as const;
/** Suffixes of the per-enum helpers a generated file declares. */
export const enumHelperSuffixes = ["$json"] as const;
