/**
 * Output is byte-identical across runs, whatever the order of the file
 * arguments, the working folder, or where the .proto files live.
 */
import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  assertSameTree,
  fixturesProto,
  listProtos,
  makeTempDir,
  readTree,
  removeDir,
  repoRoot,
  runCodegen,
} from "./cli-harness.js";

let dir: string;
let protos: string[];
let reference: Map<string, Buffer>;

before(async () => {
  dir = await makeTempDir();
  protos = await listProtos(fixturesProto);
  assert.ok(protos.length > 0, "fixtures/proto holds .proto files");
  const result = await runCodegen(["-I", "fixtures/proto", "-o", path.join(dir, "reference"), ...protos.map(inFixtures)]);
  assert.equal(result.code, 0, result.stderr);
  reference = await readTree(path.join(dir, "reference"));
});
after(() => removeDir(dir));

function inFixtures(name: string): string {
  return `fixtures/proto/${name}`;
}

test("two runs give identical bytes", async () => {
  const result = await runCodegen(["-I", "fixtures/proto", "-o", path.join(dir, "again"), ...protos.map(inFixtures)]);
  assert.equal(result.code, 0, result.stderr);
  assertSameTree(await readTree(path.join(dir, "again")), reference);
});

test("shuffled arguments and mixed spellings of the same files give identical bytes", async () => {
  // A fixed permutation (reverse, then odd before even) keeps the test itself deterministic.
  const reversed = [...protos].reverse();
  const shuffled = [...reversed.filter((_, i) => i % 2 === 1), ...reversed.filter((_, i) => i % 2 === 0)];
  const args = shuffled.map((name, i) => (i % 3 === 0 ? name : i % 3 === 1 ? inFixtures(name) : `./${inFixtures(name)}`));
  const result = await runCodegen(["-o", path.join(dir, "shuffled"), ...args, "--proto-path", "fixtures/proto"]);
  assert.equal(result.code, 0, result.stderr);
  assertSameTree(await readTree(path.join(dir, "shuffled")), reference);
});

test("a copy of the protos elsewhere, run from another folder, gives identical bytes", async () => {
  const elsewhere = path.join(dir, "some", "other checkout");
  await cp(fixturesProto, path.join(elsewhere, "schemas"), { recursive: true });
  const result = await runCodegen(["-I", "schemas", "-o", "../generated", ...protos.map((p) => `schemas/${p}`)], {
    cwd: elsewhere,
  });
  assert.equal(result.code, 0, result.stderr);
  assertSameTree(await readTree(path.join(dir, "some", "generated")), reference);
});

test("generated text names no absolute path of this machine", () => {
  for (const [name, bytes] of reference) {
    const text = bytes.toString("utf8");
    for (const local of [repoRoot, dir, process.env["HOME"] ?? repoRoot]) {
      assert.ok(!text.includes(local), `${name} mentions ${local}`);
    }
  }
});

test("every file starts with a header naming its source and saying do not edit", () => {
  for (const [name, bytes] of reference) {
    const head = bytes.toString("utf8").split("\n").slice(0, 8).join("\n");
    assert.match(head, /do not edit/i, name);
    assert.ok(head.includes(name.replace(/\.ts$/, ".proto")), `${name} header names its .proto`);
  }
});
