/** How 64-bit integers appear in generated TypeScript. */
export type Int64Mode = "bigint" | "string" | "number";

/** Extension written on relative imports between generated files. */
export type ImportExtension = "js" | "ts" | "none";

/** Options that shape emitted code (shared by the CLI and the protoc plugin). */
export interface EmitOptions {
  readonly int64: Int64Mode;
  /** Module specifier generated code imports the runtime from. */
  readonly runtimeImport: string;
  readonly importExtension: ImportExtension;
  /** Folder of handlebars templates replacing the built-in ones. */
  readonly templatesDir?: string;
}

export const defaultEmitOptions: EmitOptions = {
  int64: "bigint",
  runtimeImport: "protostub/runtime",
  importExtension: "js",
};

/** One output file: path relative to the output folder (forward slashes) and its content. */
export interface GeneratedFile {
  readonly name: string;
  readonly content: string;
}
