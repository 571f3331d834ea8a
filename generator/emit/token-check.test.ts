import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { findTokenProblem } from "./token-check.js";

const fixturesGen = fileURLToPath(new URL("../../../fixtures/gen/", import.meta.url));

const problemAt = (text: string) => {
  const problem = findTokenProblem(text);
  return problem === undefined ? undefined : { at: text.slice(problem.pos, problem.pos + 3), message: problem.message };
};

test("every committed generated fixture passes the token check", () => {
  const files = readdirSync(fixturesGen, { recursive: true }).map(String).filter((f) => f.endsWith(".ts"));
  assert.ok(files.length > 10);
  for (const file of files) assert.equal(findTokenProblem(readFileSync(path.join(fixturesGen, file), "utf8")), undefined, file);
});

test("brackets inside strings, templates, comments and regular expressions do not count", () => {
  const ok = [
    `const a = "}" + '(' + "\\"]";`,
    "const t = `a ${b({ c: `${d[0]}` })} }`;",
    "// ) ] }\nconst x = 1; /* { [ ( */",
    "const r = /[/)]\\/}/g.test(s) ? a / b / c : (x) / 2;",
    "if (a) return /}/.source;",
    "const line = \"a\\\nb\";",
  ];
  for (const text of ok) assert.equal(findTokenProblem(text), undefined, text);
});

test("unbalanced or unclosed brackets are reported where they are", () => {
  assert.deepEqual(problemAt("f(a]"), { at: "]", message: "unbalanced ']'" });
  assert.deepEqual(problemAt("}"), { at: "}", message: "unbalanced '}'" });
  assert.deepEqual(problemAt("a = [1, {b: 2}"), { at: "[1,", message: "bracket is never closed" });
});

test("literals and comments that never end are reported", () => {
  assert.equal(problemAt('a = "x\nb";')?.message, "Unterminated string literal.");
  assert.equal(problemAt("a = 'x")?.message, "Unterminated string literal.");
  assert.deepEqual(problemAt("a = `x ${y} z"), { at: "`x ", message: "Unterminated template literal." });
  assert.equal(problemAt("a = `x ${y")?.message, "Unterminated template literal.");
  assert.deepEqual(problemAt("a; /* b"), { at: "/* ", message: "'*/' expected." });
  assert.equal(problemAt("a = /x\n")?.message, "Unterminated regular expression literal.");
});
