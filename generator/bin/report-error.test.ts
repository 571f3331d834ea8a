import assert from "node:assert/strict";
import { test } from "node:test";
import { GeneratorError } from "../errors.js";
import { exitInternalError, exitUserError, reportError } from "./report-error.js";

function capture(error: unknown): { code: number; text: string } {
  let text = "";
  const code = reportError(error, "codegen", (chunk) => (text += chunk));
  return { code, text };
}

test("a user's mistake prints its message alone and exits 1", () => {
  const { code, text } = capture(new GeneratorError("unknown type Foo", { file: "a.proto", line: 3, column: 5 }));
  assert.equal(code, exitUserError);
  assert.equal(code, 1);
  assert.equal(text, "a.proto:3:5: unknown type Foo\n");
});

test("a bug prints the stack and exits 2", () => {
  const { code, text } = capture(new TypeError("cannot read x of undefined"));
  assert.equal(code, exitInternalError);
  assert.equal(code, 2);
  assert.match(text, /internal error/);
  assert.match(text, /TypeError: cannot read x of undefined\n\s+at /);
});

test("a thrown non-Error is still reported as a bug", () => {
  assert.deepEqual(capture("boom").code, 2);
});
