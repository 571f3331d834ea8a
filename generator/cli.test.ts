import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCli, UsageError, type CliOptions } from "./cli.js";

async function options(argv: string[]): Promise<CliOptions> {
  const command = await parseCli(argv);
  assert.equal(command.kind, "run");
  return command.options;
}

test("defaults match the documented contract", async () => {
  const o = await options(["-o", "out", "a.proto"]);
  assert.deepEqual(o, {
    protoPaths: ["."],
    out: "out",
    files: ["a.proto"],
    check: false,
    watch: false,
    emit: { int64: "bigint", runtimeImport: "protostub/runtime", importExtension: "js" },
  });
});

test("every flag reaches the options", async () => {
  const o = await options([
    "-I", "a", "--proto-path", "b", "--out", "gen", "--int64", "string",
    "--runtime-import", "@acme/rt", "--import-extension", "none", "--templates", "tpl", "--check", "x.proto", "y.proto",
  ]);
  assert.deepEqual(o.protoPaths, ["a", "b"]);
  assert.deepEqual(o.files, ["x.proto", "y.proto"]);
  assert.equal(o.check, true);
  assert.deepEqual(o.emit, { int64: "string", runtimeImport: "@acme/rt", importExtension: "none", templatesDir: "tpl" });
});

test("-I keeps the order given, because it is the search order", async () => {
  assert.deepEqual((await options(["-I", "z", "-I", "a", "-o", "o", "f.proto"])).protoPaths, ["z", "a"]);
});

test("protoc-style glued -IDIR and -oDIR are accepted", async () => {
  const o = await options(["-Iroot", "-I=other", "-oout", "f.proto"]);
  assert.deepEqual(o.protoPaths, ["root", "other"]);
  assert.equal(o.out, "out");
});

test("--help is reported, not printed, even with other arguments missing", async () => {
  const command = await parseCli(["--help"]);
  assert.equal(command.kind, "help");
  assert.match(command.kind === "help" ? command.text : "", /--proto-path/);
});

const usageErrors: [string, string[], RegExp][] = [
  ["no files", ["-o", "out"], /no \.proto files given/],
  ["no -o", ["a.proto"], /out|o/],
  ["-o twice", ["-o", "a", "-o", "b", "x.proto"], /only once/],
  ["unknown flag", ["--bogus", "-o", "a", "x.proto"], /bogus/],
  ["bad --int64", ["--int64", "long", "-o", "a", "x.proto"], /int64/],
  ["bad --import-extension", ["--import-extension", "mjs", "-o", "a", "x.proto"], /import-extension/],
  ["--check with --watch", ["--check", "--watch", "-o", "a", "x.proto"], /check|watch/],
  ["-I without a value", ["-o", "a", "x.proto", "-I"], /I/],
];
for (const [name, argv, message] of usageErrors) {
  test(`usage error: ${name}`, async () => {
    await assert.rejects(parseCli(argv), (error: unknown) => {
      assert.ok(error instanceof UsageError, String(error));
      assert.match(error.message, message);
      return true;
    });
  });
}
