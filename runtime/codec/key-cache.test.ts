import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { readMapKey } from "./key-cache.js";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const utf8 = new TextEncoder();

/** The keys one after the other in one buffer, each with where it starts and ends. */
function layout(keys: readonly string[]): { buf: Uint8Array; spans: [number, number][] } {
  const parts = keys.map((k) => utf8.encode(k));
  const buf = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  const spans: [number, number][] = [];
  let at = 0;
  for (const p of parts) {
    buf.set(p, at);
    spans.push([at, at + p.length]);
    at += p.length;
  }
  return { buf, spans };
}

test("map keys decode to the same strings as TextDecoder, whatever was decoded before", () => {
  // Few distinct short keys, so that repeats, shared slots and shared lengths all occur.
  const key = fc.oneof(
    fc.constantFrom("", "a", "b", "key-1", "key-9", "__proto__", "é", "\u{1F600}", "sixteen-chars-ok", "seventeen-chars-x"),
    fc.string({ unit: "binary", maxLength: 20 }),
    fc.stringMatching(/^[a-c]{1,3}$/),
  );
  fc.assert(fc.property(fc.array(key, { maxLength: 40 }), (keys) => {
    const { buf, spans } = layout(keys);
    for (const [start, end] of spans) assert.equal(readMapKey(buf, start, end), decoder.decode(buf.subarray(start, end)));
  }), { numRuns: 300 });
});

