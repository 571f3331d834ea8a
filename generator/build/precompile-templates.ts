/**
 * Build step (`npm run build` runs it after tsc): precompiles the built-in
 * handlebars templates into dist/generator/emit/builtin-templates.cjs, so a
 * run loads ready template functions instead of compiling (see
 * emit/templates.ts, which checks the fingerprint before trusting them).
 *
 * Run: `node dist/generator/build/precompile-templates.js`.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { precompiledFileName } from "../emit/precompiled-templates.js";
import { compileOptions, fingerprintOf, readSources } from "../emit/templates.js";

const handlebars = createRequire(import.meta.url)("handlebars") as typeof import("handlebars");

/** The module text: `Handlebars.precompile` prints each spec as a JavaScript object literal. */
function precompiledModule(): string {
  const sources = readSources(undefined);
  const spec = (text: string): string => String(handlebars.precompile(text, compileOptions));
  const partials = [...sources.partials].map(([name, text]) => `    ${JSON.stringify(name)}: ${spec(text)},`);
  return [
    '"use strict";',
    "// Written by `npm run build` (generator/build/precompile-templates.ts) from templates/. Do not edit.",
    "module.exports = {",
    `  fingerprint: ${JSON.stringify(fingerprintOf(sources))},`,
    `  entry: ${spec(sources.entry)},`,
    "  partials: {",
    ...partials,
    "  },",
    "};",
    "",
  ].join("\n");
}

const target = fileURLToPath(new URL(`../emit/${precompiledFileName}`, import.meta.url));
writeFileSync(target, precompiledModule());
