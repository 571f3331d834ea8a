/**
 * The built-in templates as the build precompiled them: a CommonJS module
 * beside this one, written by `npm run build` (build/precompile-templates.ts)
 * and absent when running from source. templates.ts uses it only when its
 * fingerprint equals the templates on disk, so a stale copy is harmless.
 */
import { createRequire } from "node:module";

type TemplateSpecification = Parameters<typeof import("handlebars").template>[0];

/** Handlebars template specs (what `Handlebars.precompile` prints, evaluated). */
export interface PrecompiledTemplates {
  /** `fingerprintOf` the sources the specs were compiled from. */
  readonly fingerprint: string;
  readonly entry: TemplateSpecification;
  /** By handlebars partial name. */
  readonly partials: Readonly<Record<string, TemplateSpecification>>;
}

/** File name of the module, next to this one in dist/. */
export const precompiledFileName = "builtin-templates.cjs";

let loaded: PrecompiledTemplates | null | undefined;

/** The precompiled templates, or undefined when the build wrote none. Read once. */
export function loadPrecompiled(): PrecompiledTemplates | undefined {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)(`./${precompiledFileName}`) as PrecompiledTemplates;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "MODULE_NOT_FOUND") throw error;
      loaded = null;
    }
  }
  return loaded ?? undefined;
}
