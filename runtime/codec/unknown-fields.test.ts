import assert from "node:assert/strict";
import { test } from "node:test";
import { getUnknown, storeUnknown, unknownEquals, writeUnknown } from "./unknown-fields.js";
import { Writer } from "./writer.js";

test("stored unknown fields are appended in order and written back verbatim", () => {
  const input = Uint8Array.from([0x08, 0x01, 0x7a, 0x02, 0x68, 0x69, 0x10, 0x05]);
  const m = { id: 0 };
  storeUnknown(m, input, 0, 2);
  storeUnknown(m, input, 6, 8);
  assert.deepEqual([...(getUnknown(m) ?? [])], [0x08, 0x01, 0x10, 0x05]);
  const w = new Writer();
  w.uint32(0x18).uint32(7);
  writeUnknown(m, w);
  assert.deepEqual([...w.finish()], [0x18, 0x07, 0x08, 0x01, 0x10, 0x05]);
});

test("unknown fields stay out of keys, spreads and JSON", () => {
  const m = { name: "x" };
  storeUnknown(m, Uint8Array.of(0x08, 0x01), 0, 2);
  assert.deepEqual(Object.keys(m), ["name"]);
  assert.equal(JSON.stringify(m), '{"name":"x"}');
  assert.equal(getUnknown({ ...m }), undefined);
  assert.deepEqual(m, { name: "x" }); // deepStrictEqual ignores non-enumerable symbols too
});

test("stored bytes are a copy: reusing the decoded buffer does not change them", () => {
  const input = Uint8Array.of(0x08, 0x01);
  const m = {};
  storeUnknown(m, input, 0, 2);
  input.fill(0);
  assert.deepEqual([...(getUnknown(m) ?? [])], [0x08, 0x01]);
});

test("a message without unknown fields writes nothing and has none", () => {
  const w = new Writer();
  writeUnknown({}, w);
  assert.equal(w.finish().length, 0);
  assert.equal(getUnknown({}), undefined);
});

test("unknownEquals compares the bytes; none on both sides is equal", () => {
  const a = {};
  const b = {};
  assert.ok(unknownEquals(a, b));
  storeUnknown(a, Uint8Array.of(0x08, 0x01), 0, 2);
  assert.ok(!unknownEquals(a, b));
  assert.ok(!unknownEquals(b, a));
  storeUnknown(b, Uint8Array.of(0x08, 0x02), 0, 2);
  assert.ok(!unknownEquals(a, b));
  const c = {};
  storeUnknown(c, Uint8Array.of(0x08, 0x01), 0, 2);
  assert.ok(unknownEquals(a, c));
});

test("ten thousand appended fields are all kept, in order", () => {
  const m = {};
  const field = new Uint8Array(3);
  for (let i = 0; i < 10_000; i++) {
    field[0] = 0x08;
    field[1] = 0x80 | (i & 0x7f);
    field[2] = (i >> 7) & 0x7f;
    storeUnknown(m, field, 0, 3);
  }
  const all = getUnknown(m);
  assert.equal(all?.length, 30_000);
  for (let i = 0; i < 10_000; i++) {
    assert.equal(all?.[3 * i + 1], 0x80 | (i & 0x7f));
    assert.equal(all?.[3 * i + 2], (i >> 7) & 0x7f);
  }
});

test("two messages sharing one stored view append without overwriting each other", () => {
  const a = {};
  storeUnknown(a, Uint8Array.of(1), 0, 1);
  storeUnknown(a, Uint8Array.of(2), 0, 1); // now a view with spare room behind it
  const b = {};
  const shared = getUnknown(a);
  assert.ok(shared !== undefined);
  Object.defineProperty(b, Symbol.for("protostub.unknownFields"), { value: shared, writable: true, configurable: true });
  storeUnknown(a, Uint8Array.of(3), 0, 1);
  storeUnknown(b, Uint8Array.of(4), 0, 1);
  assert.deepEqual([...(getUnknown(a) ?? [])], [1, 2, 3]);
  assert.deepEqual([...(getUnknown(b) ?? [])], [1, 2, 4]);
});
