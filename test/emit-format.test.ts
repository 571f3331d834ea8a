/**
 * The last step of emit: whitespace tidying and the two strengths of syntax
 * check (token scan for built-in templates, full parse for user templates).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkTokens, tidy, verifySyntax } from "../generator/emit/format.js";
import { GeneratorError } from "../generator/errors.js";

test("tidy drops trailing spaces and blank runs, and blank lines inside braces' edges", () => {
  assert.equal(tidy("\n\nfunction f() {\n\n  a();  \n\n\n  b();\n\n}\n\n\n"), "function f() {\n  a();\n\n  b();\n}\n");
});

const rejects = (fn: () => void, where: RegExp): void => {
  assert.throws(fn, (err: unknown) => err instanceof GeneratorError && where.test(err.message));
};

test("the token check reports unbalanced brackets and bad tokens with a position", () => {
  checkTokens("ok.ts", "const a = { b: [1, (2)] };\n");
  rejects(() => checkTokens("x.ts", "function f() {\n  g(;\n}\n"), /^x\.ts:3:1: .*unbalanced '\}'/);
  rejects(() => checkTokens("x.ts", "const a = {\n"), /^x\.ts:1:11: .*never closed/);
  rejects(() => checkTokens("x.ts", 'const s = "open;\n'), /^x\.ts:1:\d+: .*Unterminated string literal/);
});

test("the full parse reports what the token check cannot", () => {
  checkTokens("x.ts", "const = 1;\n");
  rejects(() => verifySyntax("x.ts", "const = 1;\n"), /^x\.ts:1:7: /);
  verifySyntax("ok.ts", "export const a: number = 1;\n");
});
