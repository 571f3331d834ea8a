import assert from "node:assert/strict";
import { test } from "node:test";
import { readMetadata, writeMetadata, metadataSize } from "../framing/metadata-block.js";
import { validateMetadata } from "./metadata.js";

test("keys are [0-9a-z_.-]; -bin values are bytes; others printable ASCII (B6)", () => {
  assert.equal(validateMetadata({ "x-user_id.v2": "ok", "blob-bin": new Uint8Array([0]) }), undefined);
  assert.ok(validateMetadata({ Upper: "v" }));
  assert.ok(validateMetadata({ "": "v" }));
  assert.ok(validateMetadata({ "a-bin": "text" }));
  assert.ok(validateMetadata({ a: "tab\there" }));
  assert.ok(validateMetadata({ a: new Uint8Array(1) }));
});

test("__proto__ as a key is an ordinary entry, never a prototype", () => {
  const md = JSON.parse('{"__proto__": "x", "a": "b"}') as Record<string, string>;
  const buf = Buffer.alloc(metadataSize(md));
  writeMetadata(buf, 0, md);
  const back = readMetadata(buf, 0, buf.length);
  assert.ok(typeof back === "object");
  assert.equal(Object.getPrototypeOf(back), null);
  assert.equal(back["__proto__"], "x");
});
