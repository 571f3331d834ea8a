/**
 * One generator run: resolve inputs, load the schema into our model, emit
 * files. Nothing is written here; `write.ts` does that, so the CLI's normal
 * and `--check` modes and the tests share exactly the same output.
 */
import path from "node:path";
import { emitSchema } from "./emit/emit-schema.js";
import { loadSchema } from "./load/load-schema.js";
import type { SchemaModel } from "./model/model.js";
import type { EmitOptions, GeneratedFile } from "./options.js";
import { resolveInputs, resolveTemplatesDir } from "./resolve-inputs.js";
import { sortGeneratedFiles } from "./sort-generated-files.js";

/** Inputs of one run, as a user would give them on the command line. */
export interface GenerateOptions {
  /** Import roots, relative to `cwd` or absolute; searched in order. */
  readonly protoPaths: readonly string[];
  /** Files to generate, as paths on disk or virtual names under a root. */
  readonly files: readonly string[];
  readonly emit: EmitOptions;
  /** Folder relative paths are resolved against (default: process.cwd()). */
  readonly cwd?: string;
}

/** What a run produced, plus what it read (the watcher needs both). */
export interface GenerateResult {
  readonly model: SchemaModel;
  /** Sorted by name; names are unique. */
  readonly files: readonly GeneratedFile[];
  /** Absolute import roots the run searched. */
  readonly roots: readonly string[];
}

/**
 * Generates TypeScript for the given .proto files and everything they import.
 * Throws GeneratorError for mistakes in the input.
 */
export async function generate(options: GenerateOptions): Promise<GeneratedFile[]> {
  return [...(await generateWithModel(options)).files];
}

/** Like `generate`, also returning the model and roots used. */
export async function generateWithModel(options: GenerateOptions): Promise<GenerateResult> {
  const cwd = options.cwd ?? process.cwd();
  const inputs = resolveInputs(options.protoPaths, options.files, cwd);
  const emit =
    options.emit.templatesDir === undefined
      ? options.emit
      : { ...options.emit, templatesDir: resolveTemplatesDir(options.emit.templatesDir, cwd) };
  // Roots go to the loader relative to the process's folder when they are
  // inside it: equivalent, and error messages then show "-I protos" rather
  // than a long absolute path.
  const model = await loadSchema({ protoPaths: inputs.roots.map(forDisplay), files: inputs.files });
  return { model, files: sortGeneratedFiles(emitSchema(model, emit)), roots: inputs.roots };
}

function forDisplay(root: string): string {
  const relative = path.relative(process.cwd(), root);
  if (relative === "") return ".";
  return relative.startsWith("..") || path.isAbsolute(relative) ? root : relative;
}
