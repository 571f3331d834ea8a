import assert from "node:assert/strict";
import { test } from "node:test";
import { GeneratorError } from "../errors.js";
import { defaultEmitOptions } from "../options.js";
import { parsePluginParameter } from "./parameter.js";

test("an empty parameter gives the CLI defaults", () => {
  assert.deepEqual(parsePluginParameter(""), defaultEmitOptions);
});

test("every CLI option has a parameter key, with _ or -", () => {
  assert.deepEqual(parsePluginParameter("int64=string,runtime_import=@acme/rt,import-extension=none,templates=tpl"), {
    int64: "string",
    runtimeImport: "@acme/rt",
    importExtension: "none",
    templatesDir: "tpl",
  });
});

for (const [parameter, message] of [
  ["int64=long", /int64=long.*bigint, string, number/],
  ["colour=red", /unknown protostub option "colour"/],
  ["int64=string,int64=number", /given twice/],
  ["runtime_import=", /needs a value/],
] as const) {
  test(`"${parameter}" is a user error`, () => {
    assert.throws(() => parsePluginParameter(parameter), (e: unknown) => e instanceof GeneratorError && message.test(e.message));
  });
}
