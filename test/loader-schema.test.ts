/**
 * loadSchema behaviour the cross-check cannot show: editions (Debian's
 * protoc predates them), file naming like protoc's -I, and results that do
 * not depend on argument order or on where the files live.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { GeneratorError } from "../generator/errors.js";
import { loadSchema } from "../generator/load/load-schema.js";
import type { FieldModel, FileModel, MessageModel } from "../generator/model/model.js";

const root = fileURLToPath(new URL("../../fixtures/proto/", import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "loader-schema-"));
after(() => rmSync(work, { recursive: true, force: true }));

function file(files: readonly FileModel[], name: string): FileModel {
  const found = files.find((f) => f.name === name);
  assert.ok(found, `no file ${name}`);
  return found;
}

function message(f: FileModel, fullName: string): MessageModel {
  const found = f.messages.find((m) => m.fullName === fullName);
  assert.ok(found, `no message ${fullName}`);
  return found;
}

function field(m: MessageModel, name: string): FieldModel {
  const found = m.fields.find((f) => f.name === name);
  assert.ok(found, `no field ${name} in ${m.fullName}`);
  return found;
}

describe("editions 2023", () => {
  test("features decide presence, packing, delimited encoding and enum closedness", async () => {
    const model = await loadSchema({ protoPaths: [root], files: ["editions/editions.proto"] });
    const f = file(model.files, "editions/editions.proto");
    assert.equal(f.syntax, "editions");
    assert.deepEqual(f.enums.map((e) => [e.fullName, e.closed]), [["editions.Open", false], ["editions.Closed", true]]);
    const item = message(f, "editions.Item");
    const facts = (name: string) => {
      const { presence, packed, delimited, closedEnum, defaultValue, oneof } = field(item, name);
      return { presence, packed, delimited, closedEnum, defaultValue, oneof };
    };
    const plain = { packed: false, delimited: false, closedEnum: undefined, defaultValue: undefined, oneof: undefined };
    assert.deepEqual(facts("explicit"), { ...plain, presence: "explicit" });
    assert.deepEqual(facts("implicit"), { ...plain, presence: "implicit" });
    assert.deepEqual(facts("required"), { ...plain, presence: "required" });
    assert.deepEqual(facts("packed"), { ...plain, presence: "implicit", packed: true });
    assert.deepEqual(facts("expanded"), { ...plain, presence: "implicit" });
    assert.deepEqual(facts("child"), { ...plain, presence: "explicit" });
    assert.deepEqual(facts("delimited"), { ...plain, presence: "explicit", delimited: true });
    assert.deepEqual(facts("open"), { ...plain, presence: "explicit", closedEnum: false });
    assert.deepEqual(facts("closed"), { ...plain, presence: "explicit", closedEnum: true, defaultValue: "CLOSED_TWO" });
    assert.deepEqual(facts("text"), { ...plain, presence: "explicit", defaultValue: "x" });
    assert.deepEqual(facts("b"), { ...plain, presence: "explicit", oneof: "choice" });
    assert.equal(field(item, "explicit").doc.leading, " Explicit presence is the 2023 default.\n");

    const implicit = message(f, "editions.Implicit");
    assert.equal(field(implicit, "plain").presence, "implicit");
    assert.equal(field(implicit, "message").presence, "explicit");
    assert.deepEqual([field(implicit, "closed_list").packed, field(implicit, "closed_list").closedEnum], [true, true]);
  });
});

describe("names that protobufjs mishandles", () => {
  test("a field and an enum value called __proto__ keep their names", async () => {
    const model = await loadSchema({ protoPaths: [root], files: ["names/collisions.proto"] });
    const f = file(model.files, "names/collisions.proto");
    const object = message(f, "names.Object");
    assert.deepEqual(object.fields.map((x) => x.name), ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"]);
    assert.equal(field(object, "__proto__").jsonName, "Proto");
    const keyword = f.enums.find((e) => e.fullName === "names.Keyword");
    assert.ok(keyword?.values.some((v) => v.name === "__proto__" && v.number === 8));
  });

  test("a group's field name is the group name in lower case", async () => {
    const model = await loadSchema({ protoPaths: [root], files: ["proto2/defaults.proto"] });
    const groups = message(file(model.files, "proto2/defaults.proto"), "proto2.defaults.WithGroups");
    assert.deepEqual(groups.fields.map((x) => [x.name, x.delimited]), [
      ["result", true], ["entry", true], ["mixedcase_name", true], ["plain", false], ["other", false],
    ]);
  });
});

describe("files are named and found like protoc's -I", () => {
  test("a path on disk is named relative to the root that holds it", async () => {
    const model = await loadSchema({ protoPaths: [path.join(root, "grpc"), root], files: [path.join(root, "a/b/nested.proto")] });
    assert.deepEqual(model.requested, ["a/b/nested.proto"]);
    assert.deepEqual(model.files.map((f) => f.name), ["a/b/nested.proto", "c/common.proto"]);
  });

  test("every file is listed once, sorted, whatever the argument order", async () => {
    const files = ["wkt/wkt.proto", "grpc/testing/test.proto", "a/b/nested.proto", "imports/user.proto"];
    const forward = await loadSchema({ protoPaths: [root], files });
    const backward = await loadSchema({ protoPaths: [root], files: [...files].reverse() });
    assert.deepStrictEqual(backward, forward);
    const names = forward.files.map((f) => f.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes("google/protobuf/timestamp.proto") && names.includes("imports/base.proto"));
  });

  test("the model does not depend on where the checkout lives", async () => {
    const copy = path.join(work, "elsewhere", "protos");
    cpSync(root, copy, { recursive: true });
    const files = ["comments/comments.proto", "names/collisions.proto", "proto2/defaults.proto"];
    const here = await loadSchema({ protoPaths: [root], files });
    const there = await loadSchema({ protoPaths: [copy], files: files.map((f) => path.join(copy, f)) });
    assert.deepStrictEqual(there, here);
  });

  test("an input hidden behind a same-named file in an earlier root is refused", async () => {
    const first = path.join(work, "first");
    const second = path.join(work, "second");
    for (const dir of [first, second]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "same.proto"), 'syntax = "proto3";\n');
    }
    await assert.rejects(
      loadSchema({ protoPaths: [first, second], files: [path.join(second, "same.proto")] }),
      (err: unknown) => err instanceof GeneratorError && err.message.includes(`would find ${first}/same.proto first`),
    );
  });
});
