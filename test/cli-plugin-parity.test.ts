/**
 * `protoc --protostub_out` (through the protoc-gen-protostub plugin) writes
 * exactly the files `codegen` writes, options included. Needs Debian's protoc.
 */
import assert from "node:assert/strict";
import { access, chmod, mkdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  assertSameTree,
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

/**
 * The folder protoc takes the well-known types from (it adds `<bin>/../include`
 * by itself). Handing the CLI the same folder makes both read the very same
 * google/protobuf sources.
 */
async function protocInclude(): Promise<string> {
  const found = await run("sh", ["-c", "command -v protoc"]);
  const include = path.resolve(path.dirname(await realpath(found.stdout.trim())), "../include");
  await access(path.join(include, "google/protobuf/descriptor.proto"));
  return include;
}

/** Output trees of codegen (expected) and protoc with the plugin (actual). */
async function generateBoth(
  label: string,
  cliFlags: string[],
  pluginParameter: string,
): Promise<{ cli: Map<string, Buffer>; plugin: Map<string, Buffer> }> {
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
  return { cli: await readTree(cliOut), plugin: await readTree(pluginOut) };
}

const parityLabel = "protoc plugin output (actual) vs codegen (expected)";

test("protoc with the plugin writes the same files as codegen", async () => {
  const { cli, plugin } = await generateBoth("default", ["-I", await protocInclude()], "");
  assertSameTree(plugin, cli, parityLabel);
});

test("plugin parameters mean what the CLI flags mean", async () => {
  const { cli, plugin } = await generateBoth(
    "options",
    ["-I", await protocInclude(), "--int64", "string", "--import-extension", "none", "--runtime-import", "@acme/runtime"],
    "int64=string,import_extension=none,runtime_import=@acme/runtime",
  );
  assertSameTree(plugin, cli, parityLabel);
});

test("with the well-known types bundled in protobufjs, only those files differ", async () => {
  // protobufjs bundles google/protobuf/*.proto without comments, and its
  // descriptor.proto is a newer revision than protoc 3.21's (editions fields),
  // so a CLI run without protoc's include folder cannot reproduce protoc's
  // output for them. Every other file must still match byte for byte, and the
  // other well-known types must differ in their doc comments only.
  const { cli, plugin } = await generateBoth("bundled", [], "");
  const comparable = (tree: Map<string, Buffer>) =>
    new Map(
      [...tree]
        .filter(([name]) => name !== "google/protobuf/descriptor.ts")
        .map(([name, bytes]) => [
          name,
          name.startsWith("google/protobuf/")
            ? Buffer.from(bytes.toString("utf8").split("\n").filter((line) => !/^\s*(\/\*\*|\*)/.test(line)).join("\n"))
            : bytes,
        ]),
    );
  assertSameTree(comparable(plugin), comparable(cli), parityLabel);
});
