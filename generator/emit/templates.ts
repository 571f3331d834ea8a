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
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { GeneratorError } from "../errors.js";

/** Renders the entry template with a file's view-model. */
export type FileTemplate = (view: object) => string;

/** The package's own templates (from dist/generator/emit/ or generator/emit/, three levels up). */
export const builtinTemplatesDir = fileURLToPath(new URL("../../../templates/", import.meta.url));

/** The text of every template: the entry, and the partials by handlebars name. */
interface TemplateSources {
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
  const fingerprint = [sources.entry, ...[...sources.partials].map(([name, text]) => `${name}\0${text}`)].join("\0\0");
  const cached = cache.get(key);
  if (cached !== undefined && cached.sources === fingerprint) return cached.render;
  const render = compile(sources);
  cache.set(key, { sources: fingerprint, render });
  return render;
}

function readSources(dir: string | undefined): TemplateSources {
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

function compile(sources: TemplateSources): FileTemplate {
  const hbs = Handlebars.create();
  for (const [name, text] of sources.partials) hbs.registerPartial(name, text);
  // noEscape: the output is TypeScript, not HTML.
  const file = hbs.compile(sources.entry, { noEscape: true });
  return (view) => {
    try {
      return file(view);
    } catch (err) {
      throw new GeneratorError(`template error: ${(err as Error).message}`);
    }
  };
}
