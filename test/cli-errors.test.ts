/**
 * Users' mistakes: each prints where and what went wrong, exits 1, and never
 * shows a stack trace. Runs the built `codegen` binary.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { hasStackTrace, makeTempDir, removeDir, runCodegen, writeTree, type RunResult } from "./cli-harness.js";

let dir: string;
before(async () => {
  dir = await makeTempDir();
  await writeTree(dir, {
    "first-root/syntax.proto": 'syntax = "proto3";\npackage t;\nmessage A {\n  int32 x = ;\n}\n',
    "first-root/imports.proto": 'syntax = "proto3";\npackage t;\nimport "deps/missing.proto";\nmessage B {}\n',
    "second-root/keep.txt": "",
    "first-root/unknown.proto": 'syntax = "proto3";\npackage t;\n\nmessage Holder {\n  NoSuchType thing = 1;\n}\n',
    "first-root/uses-broken.proto": 'syntax = "proto3";\npackage t;\nimport "syntax.proto";\n',
    "outside.proto": 'syntax = "proto3";\n',
  });
});
after(() => removeDir(dir));

function codegen(...args: string[]): Promise<RunResult> {
  return runCodegen(["-I", "first-root", "-I", "second-root", "-o", "out", ...args], { cwd: dir });
}

function assertUserError(result: RunResult): void {
  assert.equal(result.code, 1, `exit status (stderr: ${result.stderr})`);
  assert.equal(result.stdout, "");
  assert.ok(!hasStackTrace(result.stderr), `no stack trace expected:\n${result.stderr}`);
}

test("a syntax error prints path:line:column: message", async () => {
  const result = await codegen("first-root/syntax.proto");
  assertUserError(result);
  assert.match(result.stderr, /^(?:\S*\/)?syntax\.proto:4:\d+: \S.*/);
});

test("a syntax error in an imported file names that file", async () => {
  const result = await codegen("first-root/uses-broken.proto");
  assertUserError(result);
  assert.match(result.stderr, /^(?:\S*\/)?syntax\.proto:4:\d+: \S.*/);
});

test("a missing import names the import and every root searched", async () => {
  const result = await codegen("first-root/imports.proto");
  assertUserError(result);
  assert.match(result.stderr, /imports\.proto/);
  assert.match(result.stderr, /deps\/missing\.proto/);
  assert.match(result.stderr, /first-root/);
  assert.match(result.stderr, /second-root/);
});

test("an unknown type names the type and where it was used", async () => {
  const result = await codegen("first-root/unknown.proto");
  assertUserError(result);
  assert.match(result.stderr, /NoSuchType/);
  assert.match(result.stderr, /unknown\.proto/);
  assert.match(result.stderr, /Holder|thing/);
});

test("nothing is written when generation fails", async () => {
  const result = await runCodegen(["-I", "first-root", "-o", "never", "first-root/unknown.proto"], { cwd: dir });
  assert.equal(result.code, 1);
  assert.equal(existsSync(path.join(dir, "never")), false);
});

test("a file outside every -I root is named, with the roots", async () => {
  const result = await codegen("outside.proto");
  assertUserError(result);
  assert.match(result.stderr, /outside\.proto: not inside any import root \(searched -I first-root, -I second-root\)/);
});

test("a file that does not exist is named", async () => {
  const result = await codegen("nowhere.proto");
  assertUserError(result);
  assert.match(result.stderr, /nowhere\.proto: no such file/);
});

test("a -I folder that does not exist is named", async () => {
  const result = await runCodegen(["-I", "no-such-root", "-o", "out", "outside.proto"], { cwd: dir });
  assertUserError(result);
  assert.match(result.stderr, /-I no-such-root: no such folder/);
});

test("a bad flag is a usage error with exit 1", async () => {
  for (const args of [["--int64", "long", "-o", "o", "a.proto"], ["--frobnicate", "-o", "o", "a.proto"], ["a.proto"]]) {
    const result = await runCodegen(args, { cwd: dir });
    assertUserError(result);
    assert.match(result.stderr, /^codegen: [\s\S]+\nusage: codegen \[-I DIR\]\.\.\. -o OUT FILE\.proto\.\.\./);
  }
});

test("--help prints the options and exits 0", async () => {
  const result = await runCodegen(["--help"], { cwd: dir });
  assert.equal(result.code, 0);
  for (const flag of ["--proto-path", "--out", "--check", "--int64", "--runtime-import", "--import-extension", "--templates", "--watch"]) {
    assert.ok(result.stdout.includes(flag), flag);
  }
});
