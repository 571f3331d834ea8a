/**
 * `--templates DIR`: the CLI hands the folder to the emitter, output follows
 * it, and a template that produces broken code is reported as a user error.
 */
import assert from "node:assert/strict";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { hasStackTrace, makeTempDir, removeDir, repoRoot, runCodegen, writeTree } from "./cli-harness.js";

let dir: string;
before(async () => {
  dir = await makeTempDir();
  await writeTree(dir, { "protos/t/a.proto": 'syntax = "proto3";\npackage t;\nmessage A { string s = 1; }\n' });
  await cp(path.join(repoRoot, "templates"), path.join(dir, "restyled"), { recursive: true });
  await cp(path.join(repoRoot, "templates"), path.join(dir, "broken"), { recursive: true });
  const fileTemplate = await readFile(path.join(repoRoot, "templates/file.hbs"), "utf8");
  await writeFile(path.join(dir, "restyled/file.hbs"), fileTemplate.replace("// source: {{source}}", "// source: {{source}}\n// restyled by our own templates"));
  await writeFile(path.join(dir, "broken/file.hbs"), `${fileTemplate}\nexport const = ;\n`);
});
after(() => removeDir(dir));

test("output follows the given templates", async () => {
  const result = await runCodegen(["-I", "protos", "-o", "out", "--templates", "restyled", "protos/t/a.proto"], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const text = await readFile(path.join(dir, "out/t/a.ts"), "utf8");
  assert.match(text, /^\/\/ restyled by our own templates$/m);
});

test("a template producing invalid TypeScript is a user error with a position", async () => {
  const result = await runCodegen(["-I", "protos", "-o", "out-broken", "--templates", "broken", "protos/t/a.proto"], { cwd: dir });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /t\/a\.ts:\d+:\d+: /);
  assert.ok(!hasStackTrace(result.stderr), result.stderr);
});

test("a templates folder that does not exist is a user error", async () => {
  const result = await runCodegen(["-I", "protos", "-o", "out-none", "--templates", "nope", "protos/t/a.proto"], { cwd: dir });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /nope/);
  assert.ok(!hasStackTrace(result.stderr), result.stderr);
});
