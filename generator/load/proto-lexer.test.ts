import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { lexProto } from "./proto-lexer.js";

/** The comments reported when stepping onto the token with this text. */
function at(source: string, text: string) {
  const token = lexProto(source).find((t) => t.text === text);
  assert.ok(token, `no token ${text}`);
  return token.comments;
}

describe("comments split like protoc's tokenizer", () => {
  test("a comment on the same line trails the previous token; one touching the next token leads it", () => {
    const source = "a; // after a\n// before b\nb;";
    assert.deepEqual(at(source, "b"), { trailing: " after a\n", leading: " before b\n" });
  });

  test("a blank line detaches a comment from both sides", () => {
    assert.deepEqual(at("a;\n\n// alone\n\nb;", "b"), {});
  });

  test("a block right below the previous token, ended by a blank line, trails it", () => {
    assert.deepEqual(at("a;\n// below a\n\nb;", "b"), { trailing: " below a\n" });
  });

  test("a block comment followed by a token on the same line is dropped", () => {
    assert.deepEqual(at("a; /* which? */ b;", "b"), {});
  });

  test("before a closing brace a comment leads nothing, so it trails", () => {
    assert.deepEqual(at("a;\n  // last\n}", "}"), { trailing: " last\n" });
  });

  test("block comments lose one leading star per line", () => {
    assert.deepEqual(at("/**\n * one\n *two\n */\nb;", "b"), { leading: "*\n one\ntwo\n" });
  });

  test("positions are 1-based lines and columns", () => {
    const tokens = lexProto("message M {\n\tint32 x = 1;\n}");
    const x = tokens.find((t) => t.text === "x");
    assert.deepEqual([x?.line, x?.column], [2, 8]);
    assert.equal(tokens.at(-1)?.kind, "eof");
  });
});
