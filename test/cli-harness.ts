/**
 * Shared by the CLI and golden tests: runs the built binaries as child
 * processes (the way users run them) and reads output folders back.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file runs from dist/test/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const codegenBin = path.join(repoRoot, "dist/generator/bin/codegen.js");
export const pluginBin = path.join(repoRoot, "dist/generator/bin/protoc-gen-protostub.js");
export const fixturesProto = path.join(repoRoot, "fixtures/proto");

/** Exit status and output of a finished child process. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion, collecting its output; never throws on a non-zero exit. */
export function run(command: string, args: readonly string[], options: { cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the built `codegen` binary with `args`. */
export function runCodegen(args: readonly string[], options: { cwd?: string } = {}): Promise<RunResult> {
  return run(process.execPath, [codegenBin, ...args], options);
}

/** A fresh temporary folder; remove it with `rm(dir, { recursive: true, force: true })`. */
export function makeTempDir(prefix = "protostub-test-"): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** Removes a temporary folder made by `makeTempDir`. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Writes `files` (relative name to content) under `dir`, creating folders. */
export async function writeTree(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Every file under `dir` as relative name (forward slashes) to bytes, sorted by name. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    // `parentPath` is newer than Node 20.12's `path`; both name the containing folder.
    const parent = (entry as { parentPath?: string }).parentPath ?? entry.path;
    names.push(path.relative(dir, path.join(parent, entry.name)).split(path.sep).join("/"));
  }
  names.sort();
  const tree = new Map<string, Buffer>();
  for (const name of names) tree.set(name, await readFile(path.join(dir, name)));
  return tree;
}

/** Every .proto under `dir`, relative to it with forward slashes, sorted. */
export async function listProtos(dir: string): Promise<string[]> {
  const tree = await readdir(dir, { recursive: true });
  return tree
    .map((name) => name.split(path.sep).join("/"))
    .filter((name) => name.endsWith(".proto"))
    .sort();
}

/** True when stderr looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}

/**
 * Asserts two output trees hold the same files with the same bytes; on
 * failure names every differing file and shows the first differing line.
 */
export function assertSameTree(actual: Map<string, Buffer>, expected: Map<string, Buffer>, label = "output"): void {
  const missing = [...expected.keys()].filter((n) => !actual.has(n));
  const unexpected = [...actual.keys()].filter((n) => !expected.has(n));
  const differing = [...expected.keys()].filter((n) => actual.has(n) && !actual.get(n)?.equals(expected.get(n) ?? Buffer.alloc(0)));
  if (missing.length === 0 && unexpected.length === 0 && differing.length === 0) return;
  const lines = [`${label} differs:`];
  if (missing.length > 0) lines.push(`  missing: ${missing.join(", ")}`);
  if (unexpected.length > 0) lines.push(`  unexpected: ${unexpected.join(", ")}`);
  if (differing.length > 0) lines.push(`  different bytes: ${differing.join(", ")}`);
  const first = differing[0];
  if (first !== undefined) {
    const a = (actual.get(first) ?? Buffer.alloc(0)).toString("utf8").split("\n");
    const e = (expected.get(first) ?? Buffer.alloc(0)).toString("utf8").split("\n");
    const at = e.findIndex((line, i) => a[i] !== line);
    const index = at < 0 ? e.length : at;
    lines.push(`  ${first} line ${index + 1}:`, `    expected: ${JSON.stringify(e[index])}`, `    actual:   ${JSON.stringify(a[index])}`);
  }
  throw new assert.AssertionError({ message: lines.join("\n") });
}
