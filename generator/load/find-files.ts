/**
 * Finds .proto files the way protoc does: a file named on the command line
 * belongs to the import root (-I) that contains it and is known by its path
 * relative to that root; an import is looked up in the roots in order.
 *
 * The well-known types (google/protobuf/*.proto) also resolve with no root
 * given, from the protobufjs package this generator depends on: it ships
 * descriptor.proto, api.proto, type.proto, source_context.proto and
 * compiler/plugin.proto as text, and any, duration, empty, field_mask,
 * struct, timestamp and wrappers as built-in JSON definitions. A root that
 * holds its own copy wins, as with protoc.
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import protobuf from "protobufjs";
import { GeneratorError } from "../errors.js";

/** A file's content: .proto text, or protobufjs's JSON for a bundled well-known type. */
export type FileSource =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "bundled"; readonly json: protobuf.INamespace };

/** Where roots are searched from: the user's roots as given, and resolved. */
export interface Roots {
  readonly given: readonly string[];
  readonly absolute: readonly string[];
}

/** Roots as protoc's -I: the current folder when none is given. */
export function makeRoots(protoPaths: readonly string[], cwd: string = process.cwd()): Roots {
  const given = protoPaths.length > 0 ? [...protoPaths] : ["."];
  return { given, absolute: given.map((root) => path.resolve(cwd, root)) };
}

// Synchronous file calls throughout: a run reads its files and has nothing
// else to do meanwhile, and for the 200 files of the bench corpus the promise
// API cost several times the CPU time of these.

/** True when `file` exists and is a regular file. */
export function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function toSlashes(p: string): string {
  return p.split(path.sep).join("/");
}

/**
 * The model name of a file named on the command line: its path relative to
 * the first root containing it. A name that is no file on disk is taken as
 * already relative to the roots, as protoc does.
 */
export function requestedName(file: string, roots: Roots, cwd: string = process.cwd()): string {
  const absolute = path.resolve(cwd, file);
  if (isFile(absolute)) {
    for (const root of roots.absolute) {
      const relative = path.relative(root, absolute);
      if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) {
        const name = toSlashes(relative);
        checkNotShadowed(name, absolute, roots);
        return name;
      }
    }
    if (!path.isAbsolute(file) && findInRoots(toSlashes(path.normalize(file)), roots)) {
      return toSlashes(path.normalize(file));
    }
    throw new GeneratorError(
      `${file}: file is not inside any import root (-I); searched: ${roots.given.join(", ")}`,
    );
  }
  const name = toSlashes(path.posix.normalize(toSlashes(file)));
  if (findInRoots(name, roots)) return name;
  throw new GeneratorError(`${file}: file not found (searched: ${roots.given.join(", ")})`);
}

/** protoc refuses an input that an earlier root would hide behind another file of the same name. */
function checkNotShadowed(name: string, absolute: string, roots: Roots): void {
  for (const [i, root] of roots.absolute.entries()) {
    const other = path.join(root, name);
    if (other === absolute) return;
    if (isFile(other)) {
      const shadow = `${roots.given[i] ?? root}/${name}`;
      throw new GeneratorError(`${name}: imports of "${name}" would find ${shadow} first (an earlier -I root); reorder or remove a root`);
    }
  }
}

function findInRoots(name: string, roots: Roots): string | undefined {
  for (const root of roots.absolute) {
    const candidate = path.join(root, name);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

const bundledDir = (() => {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("protobufjs/package.json"));
})();

/** What is searched after the user's roots, for messages that list every place looked at. */
export const bundledDescription = "protobufjs's bundled google/protobuf";

/** Loads `name` from the roots, then from the bundled well-known types; undefined if nowhere. */
export function loadFile(name: string, roots: Roots): FileSource | undefined {
  const found = findInRoots(name, roots);
  if (found) return { kind: "text", text: readFileSync(found, "utf8") };
  if (!name.startsWith("google/protobuf/")) return undefined;
  const shipped = path.join(bundledDir, name);
  if (isFile(shipped)) return { kind: "text", text: readFileSync(shipped, "utf8") };
  const common = (protobuf.common as unknown as Record<string, unknown>)[name];
  if (common && typeof common === "object") return { kind: "bundled", json: common as protobuf.INamespace };
  return undefined;
}
