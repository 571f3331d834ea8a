/**
 * Maps command-line paths to protoc's "virtual" file names (paths relative to
 * an import root). Output paths and generated headers use only virtual names,
 * which is what makes output independent of where the checkout lives.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "./errors.js";
import { isFile } from "./load/find-files.js";

/** Import roots and requested files, ready for the loader. */
export interface ResolvedInputs {
  /** Absolute import roots, in search order (order matters, as for protoc). */
  readonly roots: readonly string[];
  /** Virtual names of the requested files, sorted and without duplicates. */
  readonly files: readonly string[];
}

/**
 * Resolves `-I` roots against `cwd` and turns each file argument into its
 * virtual name, following protoc: a file that exists on disk is named
 * relative to the first root containing it; otherwise the argument is taken
 * as a virtual name and must exist under some root.
 *
 * Files are sorted so that argument order cannot change the output.
 * Throws GeneratorError for a missing root, a file outside every root, or a
 * file that does not exist.
 */
export function resolveInputs(protoPaths: readonly string[], files: readonly string[], cwd: string): ResolvedInputs {
  const roots = protoPaths.map((p) => path.resolve(cwd, p));
  for (const [i, root] of roots.entries()) {
    if (!isDirectory(root)) throw new GeneratorError(`-I ${protoPaths[i] ?? root}: no such folder`);
  }
  const names = new Set<string>();
  for (const file of files) names.add(virtualName(file, roots, protoPaths, cwd));
  return { roots, files: [...names].sort(compareNames) };
}

/**
 * The `--templates` folder, absolute. A folder that does not exist is a
 * user error: the emitter falls back to built-in templates file by file, so
 * a mistyped folder would otherwise go unnoticed.
 */
export function resolveTemplatesDir(dir: string, cwd: string): string {
  const absolute = path.resolve(cwd, dir);
  if (!isDirectory(absolute)) throw new GeneratorError(`--templates ${dir}: no such folder`);
  return absolute;
}

/**
 * Absolute path of each virtual name, found in the first root that holds it
 * (protoc's search order). Names found in no root (the built-in well-known
 * types, for instance) are left out.
 */
export function locateSources(roots: readonly string[], names: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of names) {
    for (const root of roots) {
      const candidate = path.join(root, ...name.split("/"));
      if (isFile(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

/** Code-unit order: locale-independent, so every machine sorts alike. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function virtualName(file: string, roots: readonly string[], givenRoots: readonly string[], cwd: string): string {
  const onDisk = path.resolve(cwd, file);
  if (isFile(onDisk)) {
    for (const root of roots) {
      const relative = path.relative(root, onDisk);
      if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) {
        return relative.split(path.sep).join("/");
      }
    }
    throw new GeneratorError(
      `${file}: not inside any import root (searched ${describeRoots(givenRoots)}); ` +
        "add -I for the folder its imports are relative to",
    );
  }
  const asVirtual = file.split(path.sep).join("/");
  if (!path.isAbsolute(file) && !asVirtual.split("/").includes("..")) {
    if (locateSources(roots, [asVirtual]).length > 0) return path.posix.normalize(asVirtual);
  }
  throw new GeneratorError(`${file}: no such file (looked in the current folder and in ${describeRoots(givenRoots)})`);
}

function describeRoots(givenRoots: readonly string[]): string {
  return givenRoots.map((r) => `-I ${r}`).join(", ");
}

function isDirectory(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
