/**
 * `protoc --protostub_out` (through the protoc-gen-protostub plugin) writes
 * exactly the files `codegen` writes, options included. Needs Debian's protoc.
 */
import assert from "node:assert/strict";
import { chmod, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  fixturesProto,
  listProtos,
  makeTempDir,
  pluginBin,
  readTree,
  removeDir,
  run,
  runCodegen,
} from "./cli-harness.js";

let dir: string;
let protos: string[];

before(async () => {
  dir = await makeTempDir();
  // `npm run build` marks the binaries executable (postbuild); a bare tsc
  // build does not, and protoc execs the plugin directly.
  await chmod(pluginBin, 0o755);
  protos = await protocReadable(await listProtos(fixturesProto));
  assert.ok(protos.length > 0);
});
after(() => removeDir(dir));

/**
 * protoc 3.21 predates editions, so files using `edition = ...` (and files
 * importing them) are left out; every other fixture takes part.
 */
async function protocReadable(all: readonly string[]): Promise<string[]> {
  const texts = new Map<string, string>();
  for (const name of all) texts.set(name, await readFile(path.join(fixturesProto, name), "utf8"));
  const excluded = new Set(all.filter((name) => /^\s*edition\s*=/m.test(texts.get(name) ?? "")));
  let grew = true;
  while (grew) {
    grew = false;
    for (const name of all) {
      if (excluded.has(name)) continue;
      const imports = [...(texts.get(name) ?? "").matchAll(/^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"/gm)];
      if (imports.some((m) => m[1] !== undefined && excluded.has(m[1]))) {
        excluded.add(name);
        grew = true;
      }
    }
  }
  return all.filter((name) => !excluded.has(name));
}

async function compare(label: string, cliFlags: string[], pluginParameter: string): Promise<void> {
  const cliOut = path.join(dir, `${label}-cli`);
  const pluginOut = path.join(dir, `${label}-plugin`);
  const files = protos.map((p) => `fixtures/proto/${p}`);
  const cli = await runCodegen(["-I", "fixtures/proto", "-o", cliOut, ...cliFlags, ...files]);
  assert.equal(cli.code, 0, cli.stderr);
  await mkdir(pluginOut, { recursive: true });
  const protoc = await run("protoc", [
    `--plugin=protoc-gen-protostub=${pluginBin}`,
    `--protostub_out=${pluginOut}`,
    ...(pluginParameter === "" ? [] : [`--protostub_opt=${pluginParameter}`]),
    "-I",
    "fixtures/proto",
    ...files,
  ]);
  assert.equal(protoc.code, 0, protoc.stderr);
  const expected = await readTree(cliOut);
  const actual = await readTree(pluginOut);
  assert.deepEqual([...actual.keys()], [...expected.keys()]);
  for (const [name, bytes] of expected) assert.ok(actual.get(name)?.equals(bytes), `${name} differs`);
}

test("protoc with the plugin writes the same files as codegen", async () => {
  await compare("default", [], "");
});

test("plugin parameters mean what the CLI flags mean", async () => {
  await compare(
    "options",
    ["--int64", "string", "--import-extension", "none", "--runtime-import", "@acme/runtime"],
    "int64=string,import_extension=none,runtime_import=@acme/runtime",
  );
});

test("a bad plugin parameter fails protoc with a readable message", async () => {
  const out = path.join(dir, "bad");
  await mkdir(out, { recursive: true });
  const first = protos[0] ?? "";
  const result = await run("protoc", [
    `--plugin=protoc-gen-protostub=${pluginBin}`,
    `--protostub_out=int64=long:${out}`,
    "-I",
    "fixtures/proto",
    `fixtures/proto/${first}`,
  ]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--protostub_out: protostub option int64=long: expected one of bigint, string, number/);
  assert.doesNotMatch(result.stderr, /^\s+at /m);
});
