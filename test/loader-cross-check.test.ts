/**
 * The two loaders must agree: for every fixture, the model the protobufjs
 * loader builds from .proto text equals the model built from protoc's own
 * descriptors. Needs protoc on PATH (Debian's protobuf-compiler).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadFromCodeGeneratorRequest, loadFromFileDescriptorSet } from "../generator/load/from-descriptors.js";
import { loadSchema } from "../generator/load/load-schema.js";
import type { SchemaModel } from "../generator/model/model.js";

const root = fileURLToPath(new URL("../../fixtures/proto/", import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "loader-cross-check-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** protoc finds the well-known types in ../include next to its binary. */
const protocInclude = path.resolve(path.dirname(realpathSync(execFileSync("which", ["protoc"], { encoding: "utf8" }).trim())), "../include");

/** Editions need protoc 27+; Debian's 3.21 rejects the file, so loader-schema.test.ts covers it. */
const needsNewerProtoc = new Set(["editions/editions.proto"]);

function fixtureFiles(dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...fixtureFiles(full));
    else if (entry.name.endsWith(".proto")) out.push(path.relative(root, full).split(path.sep).join("/"));
  }
  return out.sort();
}

function protocModel(files: readonly string[]): SchemaModel {
  const out = path.join(work, "set.pb");
  execFileSync("protoc", ["-I", root, "--include_imports", "--include_source_info", `--descriptor_set_out=${out}`, ...files]);
  return loadFromFileDescriptorSet(readFileSync(out), files);
}

/** Drops comments of the well-known types: protobufjs bundles them without comments. */
function withoutWellKnownComments(model: SchemaModel): unknown {
  return {
    ...model,
    files: model.files.map((file) =>
      file.name.startsWith("google/protobuf/")
        ? JSON.parse(JSON.stringify(file, (key: string, value: unknown) => (key === "leading" || key === "trailing" ? undefined : value)))
        : file,
    ),
  };
}

const fixtures = fixtureFiles().filter((file) => !needsNewerProtoc.has(file));

describe("protobufjs loader matches protoc's descriptors", () => {
  test("the fixture set is the one the issue asks for", () => {
    for (const expected of ["a/b/nested.proto", "c/common.proto", "proto2/defaults.proto", "wkt/wkt.proto", "comments/comments.proto",
      "names/collisions.proto", "service/service.proto", "bench/v1/bench.proto", "grpc/testing/test.proto"]) {
      assert.ok(fixtures.includes(expected), expected);
    }
  });

  for (const file of fixtures) {
    test(`${file} gives the same model from both loaders`, async () => {
      const expected = protocModel([file]);
      // Same roots as protoc: the fixtures, then protoc's own well-known types (with their comments).
      const actual = await loadSchema({ protoPaths: [root, protocInclude], files: [file] });
      assert.ok(actual.files.some((f) => f.name === file && (f.messages.length > 0 || f.services.length > 0)));
      assert.deepStrictEqual(actual, expected);
    });
  }

  test("well-known types bundled with protobufjs match protoc's except for comments", async () => {
    const files = ["wkt/wkt.proto", "service/service.proto"];
    const actual = await loadSchema({ protoPaths: [root], files });
    assert.ok(actual.files.some((f) => f.name === "google/protobuf/struct.proto"));
    assert.deepStrictEqual(withoutWellKnownComments(actual), withoutWellKnownComments(protocModel(files)));
  });

  test("all fixtures loaded together give the same model", async () => {
    const actual = await loadSchema({ protoPaths: [root, protocInclude], files: [...fixtures].reverse() });
    assert.deepStrictEqual(actual.requested, fixtures);
    assert.deepStrictEqual(actual, protocModel(fixtures));
  });
});

describe("CodeGeneratorRequest loader", () => {
  test("a request captured from protoc gives the protobufjs loader's model and the parameter", async () => {
    const capture = path.join(work, "request.bin");
    const plugin = path.join(work, "protoc-gen-capture");
    // A plugin that saves its request and answers with an empty CodeGeneratorResponse.
    writeFileSync(plugin, `#!/usr/bin/env node\nconst c=[];process.stdin.on("data",d=>c.push(d)).on("end",()=>{require("fs").writeFileSync(${JSON.stringify(capture)},Buffer.concat(c));});\n`);
    chmodSync(plugin, 0o755);
    const files = ["a/b/nested.proto", "comments/comments.proto", "proto2/defaults.proto"];
    execFileSync("protoc", ["-I", root, `--plugin=protoc-gen-capture=${plugin}`, `--capture_out=int64=string,x:${work}`, ...files]);
    const { model, parameter } = loadFromCodeGeneratorRequest(readFileSync(capture));
    assert.equal(parameter, "int64=string,x");
    assert.deepStrictEqual(model.requested, files);
    assert.deepStrictEqual(model, await loadSchema({ protoPaths: [root, protocInclude], files }));
  });
});
