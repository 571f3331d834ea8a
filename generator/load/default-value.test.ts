import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cEscape, formatDefault, simpleDtoa } from "./default-value.js";
import { protocJsonName } from "./json-name.js";
import { lexProto } from "./proto-lexer.js";

/** The tokens of a default literal, as the source index hands them over. */
function literal(text: string) {
  return lexProto(text).filter((t) => t.kind !== "eof");
}

describe("default values print as protoc's default_value", () => {
  test("doubles use %.15g, or %.17g when 15 digits do not read back", () => {
    assert.equal(simpleDtoa(1.5), "1.5");
    assert.equal(simpleDtoa(1e300), "1e+300");
    assert.equal(simpleDtoa(1e-5), "1e-05");
    assert.equal(simpleDtoa(1e15), "1e+15");
    assert.equal(simpleDtoa(123456789012345), "123456789012345");
    assert.equal(simpleDtoa(0.30000000000000004), "0.30000000000000004");
    assert.equal(simpleDtoa(123456789012345678), "1.2345678901234568e+17");
    assert.equal(simpleDtoa(NaN), "nan");
    assert.equal(simpleDtoa(Infinity), "inf");
  });

  test("integers keep 64-bit precision and print hex and octal in decimal", () => {
    assert.equal(formatDefault("int64", literal("-9223372036854775808")), "-9223372036854775808");
    assert.equal(formatDefault("fixed64", literal("0xFFFFFFFFFFFFFFFF")), "18446744073709551615");
    assert.equal(formatDefault("int32", literal("0777")), "511");
    assert.equal(formatDefault("sfixed32", literal("-0")), "0");
  });

  test("floats keep the sign of -0 and spell infinities like protoc", () => {
    assert.equal(formatDefault("float", literal("-0.0")), "-0");
    assert.equal(formatDefault("double", literal("-inf")), "-inf");
    assert.equal(formatDefault("double", literal("0x10")), "16");
  });

  test("strings are unescaped to their text, bytes are C-escaped", () => {
    assert.equal(formatDefault("string", literal(String.raw`"a\tb\x41\101 \303\251" 'c'`)), "a\tbAA éc");
    assert.equal(formatDefault("string", literal(String.raw`"\U0001F600"`)), "😀");
    assert.equal(formatDefault("bytes", literal(String.raw`"\000\377\n\"\\ ok"`)), String.raw`\000\377\n\"\\ ok`);
    assert.equal(cEscape(Uint8Array.of(0x7f, 0x80, 0x27, 0x20)), String.raw`\177\200\' `);
  });
});

describe("json names follow protoc's rule", () => {
  test("underscores go, the next letter is upper-cased, everything else stays", () => {
    assert.equal(protocJsonName("foo_bar"), "fooBar");
    assert.equal(protocJsonName("_leading"), "Leading");
    assert.equal(protocJsonName("trailing_"), "trailing");
    assert.equal(protocJsonName("double__under"), "doubleUnder");
    assert.equal(protocJsonName("digit_1st"), "digit1st");
    assert.equal(protocJsonName("CamelCase"), "CamelCase");
    assert.equal(protocJsonName("__proto__"), "Proto");
  });
});
