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

const cache = new Map<string, FileTemplate>();

/** The compiled templates for `dir` (undefined: the built-ins), compiled once per process. */
export function loadTemplates(dir?: string): FileTemplate {
  const key = dir ?? "";
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const hbs = Handlebars.create();
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
  for (const name of [...partialNames].sort()) hbs.registerPartial(name, read(`partials/${name}.hbs`));
  hbs.registerPartial("client", read("client.hbs"));
  hbs.registerPartial("server", read("server.hbs"));
  // noEscape: the output is TypeScript, not HTML.
  const file = hbs.compile(read("file.hbs"), { noEscape: true });
  const render: FileTemplate = (view) => {
    try {
      return file(view);
    } catch (err) {
      throw new GeneratorError(`template error: ${(err as Error).message}`);
    }
  };
  cache.set(key, render);
  return render;
}
