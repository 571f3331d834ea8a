import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { readUtf8, utf8Length, writeUtf8 } from "./utf8.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Any UTF-16 (lone surrogates included), around the JS/native switch-over lengths. */
const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 70 });
const mostlyAscii = fc.string({ unit: fc.oneof(fc.constantFrom("a", "~", "\u0000", "\u007f"), fc.constantFrom("\u0080", "\u07ff", "\u0800", "\ud83d\ude00", "\ud800", "\udfff", "\ufffd", "\ufeff")), maxLength: 70 });

test("writeUtf8 writes exactly what TextEncoder writes, at the given position", () => {
  fc.assert(
    fc.property(fc.oneof(utf16, mostlyAscii), fc.nat(5), (s, at) => {
      const buf = new Uint8Array(at + 3 * s.length + 1).fill(0xaa);
      const end = writeUtf8(s, buf, at);
      const expected = encoder.encode(s);
      assert.equal(end - at, expected.length);
      assert.deepEqual([...buf.subarray(at, end)], [...expected]);
      assert.ok(buf.subarray(0, at).every((b) => b === 0xaa), "wrote before the position");
      assert.equal(utf8Length(s), expected.length);
    }),
    { numRuns: 2000 },
  );
});

test("readUtf8 decodes any bytes as TextDecoder does (replacement characters, BOM kept)", () => {
  const utf8ish = fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 0xff }), fc.constantFrom(0xef, 0xbb, 0xbf, 0xed, 0xa0, 0xf0, 0x9f)), { maxLength: 40 });
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), utf8ish.map((a) => Uint8Array.from(a)), utf16.map((s) => encoder.encode(s))), fc.nat(3), (bytes, at) => {
      const buf = new Uint8Array(at + bytes.length + 2);
      buf.set(bytes, at);
      assert.equal(readUtf8(buf, at, at + bytes.length), decoder.decode(bytes));
    }),
    { numRuns: 3000 },
  );
});
