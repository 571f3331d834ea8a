/**
 * The protobufjs loader's errors are for people: exact text, a position
 * where there is one, and always a GeneratorError (no stack trace shown).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { GeneratorError } from "../generator/errors.js";
import { loadSchema } from "../generator/load/load-schema.js";

const work = mkdtempSync(path.join(tmpdir(), "loader-errors-"));
const rootA = path.join(work, "a");
const rootB = path.join(work, "b");
mkdirSync(rootA);
mkdirSync(rootB);
after(() => rmSync(work, { recursive: true, force: true }));

function write(root: string, name: string, lines: readonly string[]): void {
  mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  writeFileSync(path.join(root, name), lines.join("\n") + "\n");
}

async function loadError(files: readonly string[]): Promise<GeneratorError> {
  try {
    await loadSchema({ protoPaths: [rootA, rootB], files });
  } catch (err) {
    assert.ok(err instanceof GeneratorError, `expected a GeneratorError, got ${String(err)}`);
    return err;
  }
  assert.fail("loadSchema did not throw");
}

const header = ['syntax = "proto3";', "package p;"];

describe("syntax errors give path:line:column and what went wrong", () => {
  test("a missing semicolon points at the token after it", async () => {
    write(rootA, "syntax/semicolon.proto", [...header, "message M {", "  int32 x = 1", "  int32 y = 2;", "}"]);
    const err = await loadError(["syntax/semicolon.proto"]);
    assert.equal(err.message, 'syntax/semicolon.proto:5:3: syntax error: expected ";" but found "int32"');
    assert.deepEqual([err.file, err.line, err.column], ["syntax/semicolon.proto", 5, 3]);
  });

  test("the column is that of the offending token even when its text appears earlier on the line", async () => {
    write(rootA, "syntax/column.proto", [...header, "message M { int32 a = 1; int32 b = 2; int32 = 3; }"]);
    const err = await loadError(["syntax/column.proto"]);
    assert.equal(err.message, 'syntax/column.proto:3:45: syntax error: "=" is not a valid name');
  });

  test("an unclosed message ends the file too soon", async () => {
    write(rootA, "syntax/eof.proto", [...header, "message M {", "  int32 x = 1;"]);
    const err = await loadError(["syntax/eof.proto"]);
    assert.equal(err.message, "syntax/eof.proto:5:1: syntax error: unexpected end of file");
  });

  test("an unterminated string points at its opening quote", async () => {
    write(rootA, "syntax/string.proto", ['syntax = "proto2";', "package p;", "message M {", '  optional string s = 1 [default = "abc];', "}"]);
    const err = await loadError(["syntax/string.proto"]);
    assert.equal(err.message, "syntax/string.proto:4:36: syntax error: unterminated string");
  });

  test("a duplicate name points at the second declaration", async () => {
    write(rootA, "syntax/duplicate.proto", [...header, "message M {", "  int32 x = 1;", "  int32 x = 2;", "}"]);
    const err = await loadError(["syntax/duplicate.proto"]);
    assert.equal(err.message, 'syntax/duplicate.proto:5:9: "x" is already defined in "M"');
  });
});

describe("a missing import names the import, the importer and every root searched", () => {
  test("in the user's roots", async () => {
    write(rootB, "imports/missing.proto", [...header, 'import "nope/absent.proto";']);
    const err = await loadError(["imports/missing.proto"]);
    assert.equal(
      err.message,
      `imports/missing.proto:3:1: import "nope/absent.proto" not found (imported by imports/missing.proto; searched: ${rootA}, ${rootB})`,
    );
  });

  test("under google/protobuf, the bundled well-known types are searched too", async () => {
    write(rootA, "imports/wkt.proto", [...header, "", 'import "google/protobuf/nothing.proto";']);
    const err = await loadError(["imports/wkt.proto"]);
    assert.equal(
      err.message,
      `imports/wkt.proto:4:1: import "google/protobuf/nothing.proto" not found (imported by imports/wkt.proto; searched: ${rootA}, ${rootB}, protobufjs's bundled google/protobuf)`,
    );
  });

  test("a file named on the command line that is nowhere", async () => {
    const err = await loadError(["imports/never.proto"]);
    assert.equal(err.message, `imports/never.proto: file not found (searched: ${rootA}, ${rootB})`);
  });
});

describe("an unknown type names the type and where it is used", () => {
  test("in a field, at the type's position", async () => {
    write(rootA, "types/field.proto", [...header, "message M {", "  repeated  Missing f = 1;", "}"]);
    const err = await loadError(["types/field.proto"]);
    assert.equal(err.message, 'types/field.proto:4:13: unknown type "Missing" used by "p.M.f"');
  });

  test("in a method's response", async () => {
    write(rootA, "types/method.proto", [...header, "message M {}", "service S {", "  rpc Call(M) returns (stream p.Nope);", "}"]);
    const err = await loadError(["types/method.proto"]);
    assert.equal(err.message, 'types/method.proto:5:31: unknown type "p.Nope" used by "p.S.Call"');
  });

  test("defined in a file that is not imported (only imported transitively)", async () => {
    write(rootA, "types/deep.proto", ['syntax = "proto3";', "package deep;", "message Deep {}"]);
    write(rootA, "types/middle.proto", ['syntax = "proto3";', "package middle;", 'import "types/deep.proto";', "message Mid { deep.Deep d = 1; }"]);
    write(rootA, "types/top.proto", ['syntax = "proto3";', "package top;", 'import "types/middle.proto";', "message Top {", "  deep.Deep d = 1;", "}"]);
    const err = await loadError(["types/top.proto"]);
    assert.equal(
      err.message,
      'types/top.proto:5:3: unknown type "deep.Deep" used by "top.Top.d"; it is defined in "types/deep.proto", which "types/top.proto" does not import',
    );
  });

  test("protoc's rule: once the first part of a name is found, the rest must be inside it", async () => {
    // protobufjs would keep searching outwards and find q.Inner; protoc stops at p.q.
    write(rootA, "types/partial.proto", ['syntax = "proto3";', "package p.q;", "message Inner {}", "message Outer {", "  message q {}", "  q.Inner i = 1;", "}"]);
    const err = await loadError(["types/partial.proto"]);
    assert.equal(err.message, 'types/partial.proto:6:3: unknown type "q.Inner" used by "p.q.Outer.i"');
  });

  test("a method that takes an enum", async () => {
    write(rootA, "types/enum-input.proto", [...header, "enum E { E_ZERO = 0; }", "message M {}", "service S {", "  rpc Call(E) returns (M);", "}"]);
    const err = await loadError(["types/enum-input.proto"]);
    assert.equal(err.message, 'types/enum-input.proto:6:12: "E" used by "p.S.Call" is an enum, not a message');
  });
});
