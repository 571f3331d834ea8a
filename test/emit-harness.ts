/**
 * Shared by the emit tests: hand-built models, a strict type check of
 * generated files with ts-morph, and loading generated files as live modules
 * (transpiled to JS next to a `package.json` with `"type": "module"`).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Project, ts } from "ts-morph";
import type {
  DocModel, EnumModel, FieldModel, FieldType, FileModel, MessageModel, ScalarType, SchemaModel, ServiceModel,
} from "../generator/model/model.js";
import { type EmitOptions, type GeneratedFile } from "../generator/options.js";

/** The built runtime (dist/runtime/index.js), as an absolute path generated code can import. */
export const runtimePath = fileURLToPath(new URL("../runtime/index.js", import.meta.url));
/** The repository's fixtures/proto folder (tests run from dist/test/). */
export const fixturesRoot = fileURLToPath(new URL("../../fixtures/proto/", import.meta.url));

/** Emit options for tests: the runtime imported from the build, `.js` imports. */
export function testOptions(overrides: Partial<EmitOptions> = {}): EmitOptions {
  return { int64: "bigint", runtimeImport: runtimePath, importExtension: "js", ...overrides };
}

export const noDoc: DocModel = { deprecated: false };

/** A field with proto3 defaults for everything not given. */
export function field(name: string, number: number, type: FieldType | ScalarType, extra: Partial<FieldModel> = {}): FieldModel {
  const t: FieldType = typeof type === "string" ? { kind: "scalar", scalar: type } : type;
  return {
    name,
    jsonName: name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()),
    number,
    type: t,
    repeated: false,
    packed: false,
    delimited: false,
    presence: t.kind === "message" ? "explicit" : "implicit",
    doc: noDoc,
    ...extra,
  };
}

export function message(fullName: string, fields: FieldModel[], extra: Partial<MessageModel> = {}): MessageModel {
  return { fullName, fields, oneofs: [], nestedMessages: [], nestedEnums: [], doc: noDoc, ...extra };
}

export function enumType(fullName: string, values: [string, number][], extra: Partial<EnumModel> = {}): EnumModel {
  return { fullName, values: values.map(([name, number]) => ({ name, number, doc: noDoc })), closed: false, doc: noDoc, ...extra };
}

export function file(name: string, pkg: string, parts: { messages?: MessageModel[]; enums?: EnumModel[]; services?: ServiceModel[]; dependencies?: string[]; syntax?: FileModel["syntax"] }): FileModel {
  return {
    name,
    package: pkg,
    syntax: parts.syntax ?? "proto3",
    dependencies: parts.dependencies ?? [],
    messages: parts.messages ?? [],
    enums: parts.enums ?? [],
    services: parts.services ?? [],
    doc: noDoc,
  };
}

export function schema(...files: FileModel[]): SchemaModel {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : 1));
  return { files: sorted, requested: sorted.map((f) => f.name) };
}

const strictOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noUncheckedIndexedAccess: true,
  noFallthroughCasesInSwitch: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
  lib: ["lib.es2022.d.ts"],
};

/**
 * Type-checks generated files (plus optional extra sources, e.g. a usage
 * file) under strict + noUncheckedIndexedAccess; returns the diagnostics as
 * `file:line: message` strings (empty when clean). Files live in memory at a
 * made-up folder; the runtime resolves from the build on disk.
 */
export function typeCheck(files: readonly GeneratedFile[], extra: Record<string, string> = {}): string[] {
  const project = new Project({ compilerOptions: strictOptions, skipAddingFilesFromTsConfig: true });
  const base = join(tmpdir(), "protostub-typecheck");
  for (const f of files) project.createSourceFile(join(base, f.name), f.content, { overwrite: true });
  for (const [name, text] of Object.entries(extra)) project.createSourceFile(join(base, name), text, { overwrite: true });
  return project.getPreEmitDiagnostics().map((d) => {
    const where = d.getSourceFile()?.getFilePath() ?? "?";
    const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, "\n");
    return `${where.slice(base.length + 1)}:${d.getLineNumber() ?? 0}: ${message}`;
  });
}

/** Writes generated files as JS modules to a fresh temp folder; returns a loader by file name. */
export function materialize(files: readonly GeneratedFile[]): (name: string) => Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "protostub-emit-"));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const f of files) {
    const js = ts.transpileModule(f.content, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    const path = join(dir, f.name.replace(/\.ts$/, ".js"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, js);
  }
  return async (name) => (await import(pathToFileURL(join(dir, name.replace(/\.(proto|ts)$/, ".js"))).href)) as Record<string, unknown>;
}

/** The shape of a generated message const, as tests use it without static types. */
export interface LiveType {
  typeName: string;
  create(init?: object): Record<string, unknown>;
  encode(m: object): Uint8Array;
  decode(b: Uint8Array): Record<string, unknown>;
  toJSON(m: object): unknown;
  fromJSON(j: unknown): Record<string, unknown>;
  equals(a: object, b: object): boolean;
}

/** A named export of a loaded module, as a message type. */
export function live(mod: Record<string, unknown>, name: string): LiveType {
  const value = mod[name];
  if (typeof value !== "object" || value === null || !("encode" in value)) throw new Error(`${name} is not a generated message type`);
  return value as LiveType;
}
