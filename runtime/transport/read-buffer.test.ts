import assert from "node:assert/strict";
import { test } from "node:test";
import type { LinkHandler } from "./link.js";
import { ReadBuffer } from "./read-buffer.js";

function recorder(): { handler: LinkHandler; seen: string[] } {
  const seen: string[] = [];
  return { seen, handler: { onData: (chunk) => seen.push(chunk.toString("latin1")), onDrain: () => {}, onClose: () => {} } };
}

test("reads before start are kept as copies and delivered first, in order", () => {
  const reads = new ReadBuffer();
  reads.buffer.write("hello", 0, "latin1");
  assert.equal(reads.onRead(5), true);
  reads.buffer.write("world", 0, "latin1"); // the next read overwrites the buffer
  reads.onRead(5);
  const { handler, seen } = recorder();
  reads.start(handler);
  assert.deepEqual(seen, ["hello", "world"]);
  reads.buffer.write("again", 0, "latin1");
  reads.onRead(3);
  assert.deepEqual(seen, ["hello", "world", "aga"]);
});
