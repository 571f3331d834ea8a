import type { GeneratedFile } from "./options.js";
import { compareNames } from "./resolve-inputs.js";

/**
 * Sorts emitted files by name and rejects duplicates, so every caller (CLI,
 * `--check`, plugin) sees one canonical list whatever order the emitter used.
 */
export function sortGeneratedFiles(files: readonly GeneratedFile[]): GeneratedFile[] {
  const sorted = [...files].sort((a, b) => compareNames(a.name, b.name));
  for (let i = 1; i < sorted.length; i++) {
    const name = sorted[i]?.name;
    // Two files with one name would silently overwrite each other: an emitter bug.
    if (name === sorted[i - 1]?.name) throw new Error(`emitter produced ${name} twice`);
  }
  return sorted;
}
