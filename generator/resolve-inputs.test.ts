import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { GeneratorError } from "./errors.js";
import { locateSources, resolveInputs } from "./resolve-inputs.js";

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "protostub-resolve-"));
  for (const name of ["root/pkg/a.proto", "root/b.proto", "other/c.proto", "outside.proto"]) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), 'syntax = "proto3";\n');
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("paths on disk become names relative to their root, sorted", () => {
  const inputs = resolveInputs(["root", "other"], ["other/c.proto", "root/pkg/a.proto", "root/b.proto"], dir);
  assert.deepEqual(inputs.roots, [path.join(dir, "root"), path.join(dir, "other")]);
  assert.deepEqual(inputs.files, ["b.proto", "c.proto", "pkg/a.proto"]);
});

test("a name relative to a root is accepted as a virtual name", () => {
  assert.deepEqual(resolveInputs(["root"], ["pkg/a.proto"], dir).files, ["pkg/a.proto"]);
});

test("the same file given twice is generated once", () => {
  const files = resolveInputs(["root"], ["root/b.proto", "b.proto", "./root/b.proto"], dir).files;
  assert.deepEqual(files, ["b.proto"]);
});

test("nested roots: the first root containing the file names it, as in protoc", () => {
  assert.deepEqual(resolveInputs(["root", "."], ["root/b.proto"], dir).files, ["b.proto"]);
  assert.deepEqual(resolveInputs([".", "root"], ["root/b.proto"], dir).files, ["root/b.proto"]);
});

test("a file outside every root is a user error naming the roots", () => {
  assert.throws(
    () => resolveInputs(["root"], ["outside.proto"], dir),
    (error: unknown) => error instanceof GeneratorError && /outside\.proto.*-I root/.test(error.message),
  );
});

test("a missing file or root is a user error", () => {
  assert.throws(() => resolveInputs(["root"], ["nope.proto"], dir), GeneratorError);
  assert.throws(() => resolveInputs(["nope"], ["root/b.proto"], dir), /-I nope: no such folder/);
});

test("locateSources finds names in the first root that has them and skips the rest", () => {
  const roots = [path.join(dir, "root"), path.join(dir, "other")];
  assert.deepEqual(locateSources(roots, ["c.proto", "pkg/a.proto", "google/protobuf/any.proto"]), [
    path.join(dir, "other/c.proto"),
    path.join(dir, "root/pkg/a.proto"),
  ]);
});
