/**
 * The handlebars templates that lay out generated files. Built-in templates
 * live in the package's `templates/` folder; `--templates DIR` replaces any
 * of them file by file (same relative path), so a user can restyle one piece
 * and keep the rest.
 *
 * Layout: `file.hbs` is the entry; `partials/<name>.hbs` are partials named
 * `<name>`; `client.hbs` and `server.hbs` are the partials `client` and
 * `server`, printed after each service definition.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GeneratorError } from "../errors.js";
import { loadPrecompiled } from "./precompiled-templates.js";

/** Renders the entry template with a file's view-model. */
export type FileTemplate = (view: object) => string;

// handlebars is CommonJS; `require` loads it only when and as far as needed, keeping emit synchronous.
const require = createRequire(import.meta.url);

/** The package's own templates (from dist/generator/emit/ or generator/emit/, three levels up). */
export const builtinTemplatesDir = fileURLToPath(new URL("../../../templates/", import.meta.url));

/** The text of every template: the entry, and the partials by handlebars name. */
export interface TemplateSources {
  readonly entry: string;
  readonly partials: ReadonlyMap<string, string>;
}

/**
 * Compiled templates by folder, with the text they were compiled from.
 * Reading a dozen small files costs far less than compiling them, and
 * comparing the text (not mtimes, which editors and coarse file systems
 * blur) means `--watch` picks up a template edit on its next run.
 */
const cache = new Map<string, { readonly sources: string; readonly render: FileTemplate }>();

/** The compiled templates for `dir` (undefined: the built-ins), recompiled when any template's text changes. */
export function loadTemplates(dir?: string): FileTemplate {
  const key = dir ?? "";
  const sources = readSources(dir);
  const fingerprint = fingerprintOf(sources);
  const cached = cache.get(key);
  if (cached !== undefined && cached.sources === fingerprint) return cached.render;
  const render = fromPrecompiled(fingerprint) ?? compile(sources);
  cache.set(key, { sources: fingerprint, render });
  return render;
}

/** All template text in one string: equal fingerprints mean equal templates. */
export function fingerprintOf(sources: TemplateSources): string {
  return [sources.entry, ...[...sources.partials].map(([name, text]) => `${name}\0${text}`)].join("\0\0");
}

/**
 * The templates the build precompiled (see build/precompile-templates.ts), if
 * they were made from exactly these sources. Compiling costs ~0.15 s of a
 * small run (handlebars' parser and code generator), and the build's copy
 * needs only handlebars' runtime. Any edit to a template, or a user template
 * that replaces one, falls back to compiling.
 */
function fromPrecompiled(fingerprint: string): FileTemplate | undefined {
  const precompiled = loadPrecompiled();
  if (precompiled?.fingerprint !== fingerprint) return undefined;
  // The runtime alone: the same `create` and `template`, without the compiler.
  const runtime = require("handlebars/runtime") as Pick<typeof import("handlebars"), "create">;
  const hbs = runtime.create();
  for (const [name, spec] of Object.entries(precompiled.partials)) hbs.registerPartial(name, hbs.template(spec));
  return guarded(hbs.template(precompiled.entry));
}

/** Reads the template sources for `dir` (undefined: the built-ins); exported for the build's precompile step. */
export function readSources(dir: string | undefined): TemplateSources {
  const read = (relative: string): string => {
    const custom = dir === undefined ? undefined : join(dir, relative);
    const path = custom !== undefined && existsSync(custom) ? custom : join(builtinTemplatesDir, relative);
    try {
      return readFileSync(path, "utf8");
    } catch (err) {
      throw new GeneratorError(`cannot read template ${path}: ${(err as Error).message}`);
    }
  };
  const partialNames = new Set<string>();
  for (const base of [builtinTemplatesDir, ...(dir === undefined ? [] : [dir])]) {
    const folder = join(base, "partials");
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder)) if (entry.endsWith(".hbs")) partialNames.add(entry.slice(0, -4));
  }
  const partials = new Map<string, string>();
  for (const name of [...partialNames].sort()) partials.set(name, read(`partials/${name}.hbs`));
  partials.set("client", read("client.hbs"));
  partials.set("server", read("server.hbs"));
  return { entry: read("file.hbs"), partials };
}

/** noEscape: the output is TypeScript, not HTML. Shared with the build's precompile step. */
export const compileOptions = { noEscape: true } as const;

/** Compiles `sources` (never the precompiled copy). @internal exported for tests. */
export function compile(sources: TemplateSources): FileTemplate {
  // Loaded here, not at the top: with precompiled templates a run never needs the compiler.
  const handlebars = require("handlebars") as typeof import("handlebars");
  const hbs = handlebars.create();
  for (const [name, text] of sources.partials) hbs.registerPartial(name, text);
  return guarded(hbs.compile(sources.entry, compileOptions));
}

/** Turns template errors (a helper or partial missing in a user template) into GeneratorErrors. */
function guarded(file: (view: object) => string): FileTemplate {
  return (view) => {
    try {
      return file(view);
    } catch (err) {
      throw new GeneratorError(`template error: ${(err as Error).message}`);
    }
  };
}
