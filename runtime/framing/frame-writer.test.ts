import assert from "node:assert/strict";
import { test } from "node:test";
import type { Link, LinkHandler } from "../transport/link.js";
import { FRAME_MESSAGE, HEADER_SIZE } from "./constants.js";
import { FrameDecoder } from "./frame-decoder.js";
import { writeMessageFrame } from "./frame-encoders.js";
import { FrameWriter } from "./frame-writer.js";

class RecordingLink implements Link {
  readonly peer = "test";
  writes: Buffer[][] = [];
  start(_h: LinkHandler): void {}
  write(chunks: readonly Uint8Array[]): boolean {
    this.writes.push(chunks.map((c) => Buffer.from(c)));
    return true;
  }
  end(): void {}
  destroy(): void {}
}

test("a few frames written in one turn leave in one write call", async () => {
  const link = new RecordingLink();
  const w = new FrameWriter(link);
  for (let i = 1; i <= 10; i++) writeMessageFrame(w, i, 0, Buffer.alloc(50, i));
  assert.equal(link.writes.length, 0);
  await new Promise((r) => process.nextTick(r));
  assert.equal(link.writes.length, 1);
  assert.equal(Buffer.concat(link.writes[0] as Buffer[]).length, 10 * (HEADER_SIZE + 50));
});

test("a big batch leaves in writes of 32 frames, in order, nothing lost", async () => {
  const link = new RecordingLink();
  const w = new FrameWriter(link);
  for (let i = 1; i <= 100; i++) writeMessageFrame(w, i, 0, Buffer.alloc(50, i));
  await new Promise((r) => process.nextTick(r));
  assert.equal(link.writes.length, Math.ceil(100 / 32));
  const bytes = Buffer.concat(link.writes.flat());
  assert.equal(bytes.length, 100 * (HEADER_SIZE + 50));
  for (let i = 0; i < 100; i++) assert.equal(bytes[i * (HEADER_SIZE + 50) + HEADER_SIZE], i + 1);
});

test("large messages go out by reference next to their header, in order", async () => {
  const link = new RecordingLink();
  const w = new FrameWriter(link);
  const big = Buffer.alloc(100_000, 3);
  writeMessageFrame(w, 1, 0, Buffer.from("a"));
  writeMessageFrame(w, 2, 0, big);
  writeMessageFrame(w, 3, 0, Buffer.from("b"));
  w.flush();
  const chunks = link.writes[0] as Buffer[];
  assert.equal(chunks.length, 3);
  const seen: number[] = [];
  const d = new FrameDecoder(
    {
      onFrame: (type, _f, id, _b, s, e) => {
        assert.equal(type, FRAME_MESSAGE);
        seen.push(id, e - s);
      },
      onOversizeFrame: () => assert.fail("oversize"),
      onFrameError: (r) => assert.fail(r),
    },
    { maxCallFrame: 1 << 20, maxConnectionFrame: 100 },
  );
  d.push(Buffer.concat(chunks));
  assert.deepEqual(seen, [1, 1, 2, 100_000, 3, 1]);
});

test("bytes handed to the link are never overwritten by later frames", async () => {
  const link = new RecordingLink();
  const keep: Uint8Array[] = [];
  const w = new FrameWriter({ ...link, peer: "x", start() {}, end() {}, destroy() {}, write: (c) => (keep.push(...c), true) });
  writeMessageFrame(w, 1, 0, Buffer.alloc(10, 1));
  w.flush();
  const snapshot = Buffer.from(keep[0] as Uint8Array);
  for (let i = 0; i < 5000; i++) writeMessageFrame(w, 2, 0, Buffer.alloc(30, 2));
  w.flush();
  assert.deepEqual(Buffer.from(keep[0] as Uint8Array), snapshot);
});
