/**
 * What decoding returns owns its bytes, also when the input is a Node
 * Buffer, whose `slice` is a view: the RPC runtime decodes straight from
 * socket reads, and the client's read buffer is reused for the next read.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Reader } from "./reader.js";
import { copyOut } from "./slab-pool.js";
import { storeUnknown, writeUnknown } from "./unknown-fields.js";
import { Writer } from "./writer.js";

for (const size of [8, 2000, 3000, 100_000]) {
  test(`copyOut of ${size} bytes from a Buffer is a copy`, () => {
    const src = Buffer.alloc(size + 10, 7);
    const out = copyOut(src, 5, 5 + size);
    src.fill(9);
    assert.equal(out.length, size);
    assert.ok(out.every((b) => b === 7));
  });

  test(`a bytes field of ${size} bytes read from a Buffer survives the Buffer's reuse`, () => {
    const w = new Writer();
    w.uint32(10).bytes(new Uint8Array(size).fill(7));
    const src = Buffer.from(w.finish());
    const r = new Reader(src);
    assert.equal(r.uint32(), 10);
    const value = r.bytes();
    src.fill(9);
    assert.ok(value.length === size && value.every((b) => b === 7));
  });
}

test("unknown fields kept from a Buffer survive the Buffer's reuse", () => {
  const src = Buffer.from([0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69]);
  const message = {};
  storeUnknown(message, src, 0, src.length);
  src.fill(0);
  const w = new Writer();
  writeUnknown(message, w);
  assert.deepEqual([...w.finish()], [0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69]);
});
