/**
 * The protobufjs loader: .proto files on disk to a SchemaModel, without protoc.
 */
import protobuf from "protobufjs";
import { GeneratorError } from "../errors.js";
import type { FileModel, SchemaModel } from "../model/model.js";
import { buildFile, registerFile, type SchemaContext } from "./build-file.js";
import { bundledDescription, loadFile, makeRoots, requestedName, type FileSource, type Roots } from "./find-files.js";
import { choosePlaceholder, parseProto, protoName, type ParsedFile } from "./parse-proto.js";
import { indexSource, type SourceIndex } from "./source-index.js";
import { SymbolTable } from "./symbols.js";

/** What to load: import roots (protoc's -I) and the files named on the command line. */
export interface LoadRequest {
  readonly protoPaths: readonly string[];
  readonly files: readonly string[];
}

/**
 * Parses `files` and everything they import into the generator's model.
 *
 * - A file is named by its path relative to the -I root containing it, with
 *   forward slashes; imports are searched in the roots in order, then in the
 *   well-known types bundled with protobufjs (see find-files.ts).
 * - `files` of the result holds every file, sorted by name; `requested` the
 *   named ones, sorted. The result does not depend on argument order or on
 *   where the files live on disk.
 * - Names resolve, comments attach and defaults print as protoc would, so
 *   the model equals the one built from protoc's descriptors.
 * - User mistakes throw GeneratorError: syntax errors as
 *   `file:line:column: message`, a missing import naming the import, the
 *   importing file and every root searched, an unknown type naming the type
 *   and the element that uses it, at the position of the type.
 */
// Async in its signature although the reads are synchronous today (see
// find-files.ts), so that callers need not change if loading ever waits.
export async function loadSchema(request: LoadRequest): Promise<SchemaModel> {
  const roots = makeRoots(request.protoPaths);
  const requested = [...new Set(request.files.map((file) => requestedName(file, roots)))].sort();
  const indexes = new Map<string, SourceIndex>();
  const sources = loadAll(requested, roots, indexes);
  const names = [...sources.keys()].sort();
  const placeholder = choosePlaceholder([...sources.values()].map((s) => (s.kind === "text" ? s.text : "")));
  const parsed = new Map<string, ParsedFile>();
  for (const name of names) {
    const source = sources.get(name);
    if (source) parsed.set(name, parseSource(name, source, placeholder, indexes.get(name)));
  }

  const symbols = new SymbolTable();
  const closedEnums = new Map<string, boolean>();
  const ctx: SchemaContext = {
    symbols,
    closedEnums,
    visibleFrom: (file) => visibleFiles(file, parsed),
    // Called for every name in the schema; almost none hold the placeholder.
    restore: (name) => (name.includes(placeholder) ? name.split(placeholder).join(protoName) : name),
  };
  for (const name of names) {
    const file = parsed.get(name);
    if (file) registerFile(file, ctx, closedEnums);
  }
  const files: FileModel[] = [];
  for (const name of names) {
    const file = parsed.get(name);
    if (file) files.push(buildFile(file, ctx));
  }
  return { files, requested };
}

/** Reads the requested files and, transitively, their imports, in breadth-first order. */
function loadAll(requested: readonly string[], roots: Roots, indexes: Map<string, SourceIndex>): Map<string, FileSource> {
  const sources = new Map<string, FileSource>();
  const pending: { name: string; importedBy?: { file: string; line: number; column: number } }[] =
    requested.map((name) => ({ name }));
  for (let i = 0; i < pending.length; i++) {
    const { name, importedBy } = pending[i]!;
    if (sources.has(name)) continue;
    const source = loadFile(name, roots);
    if (!source) throw missingImport(name, importedBy, roots);
    sources.set(name, source);
    if (source.kind !== "text") continue;
    const index = indexSource(source.text);
    indexes.set(name, index);
    for (const imp of index.imports) {
      if (!sources.has(imp.path)) pending.push({ name: imp.path, importedBy: { file: name, line: imp.line, column: imp.column } });
    }
  }
  return sources;
}

function missingImport(name: string, importedBy: { file: string; line: number; column: number } | undefined, roots: Roots): GeneratorError {
  const searched = [...roots.given, ...(name.startsWith("google/protobuf/") ? [bundledDescription] : [])];
  if (!importedBy) return new GeneratorError(`${name}: file not found (searched: ${searched.join(", ")})`);
  return new GeneratorError(
    `import "${name}" not found (imported by ${importedBy.file}; searched: ${searched.join(", ")})`,
    importedBy,
  );
}

function parseSource(name: string, source: FileSource, placeholder: string, index: SourceIndex | undefined): ParsedFile {
  if (source.kind === "text") return parseProto(name, source.text, placeholder, index);
  // protobufjs's built-in well-known types: proto3 definitions without source text.
  const root = protobuf.Root.fromJSON(protocFieldNames(source.json));
  return { name, root, package: "google.protobuf", index: indexSource('syntax = "proto3";') };
}

/**
 * protobufjs's bundled struct.proto spells some fields in lowerCamelCase
 * ("nullValue"); every well-known type field is snake_case in protoc's
 * descriptors, so names are turned back (a no-op for the snake_case ones).
 */
function protocFieldNames(json: protobuf.INamespace): protobuf.INamespace {
  const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const convert = (node: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...node };
    const { fields, oneofs, nested } = node;
    if (isRecord(fields)) out["fields"] = Object.fromEntries(Object.entries(fields).map(([name, f]) => [snake(name), f]));
    if (isRecord(oneofs)) {
      out["oneofs"] = Object.fromEntries(Object.entries(oneofs).map(([name, o]) => [
        name,
        isRecord(o) && Array.isArray(o["oneof"]) ? { ...o, oneof: o["oneof"].map((n: unknown) => (typeof n === "string" ? snake(n) : n)) } : o,
      ]));
    }
    if (isRecord(nested)) out["nested"] = Object.fromEntries(Object.entries(nested).map(([name, n]) => [name, isRecord(n) ? convert(n) : n]));
    return out;
  };
  return convert(json as Record<string, unknown>) as protobuf.INamespace;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The file itself, its imports, and whatever those re-export with `import public` (protoc's visibility). */
function visibleFiles(file: string, parsed: ReadonlyMap<string, ParsedFile>): ReadonlySet<string> {
  const visible = new Set<string>([file]);
  const addPublic = (dep: string): void => {
    for (const imp of parsed.get(dep)?.index.imports ?? []) {
      if (imp.kind === "public" && !visible.has(imp.path)) {
        visible.add(imp.path);
        addPublic(imp.path);
      }
    }
  };
  for (const imp of parsed.get(file)?.index.imports ?? []) {
    visible.add(imp.path);
    addPublic(imp.path);
  }
  return visible;
}
