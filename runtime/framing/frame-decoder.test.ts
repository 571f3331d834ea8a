import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { writeU32 } from "./bytes.js";
import { HEADER_SIZE } from "./constants.js";
import { FrameDecoder, type FrameSink } from "./frame-decoder.js";

interface Seen {
  frames: string[];
  oversize: string[];
  errors: string[];
}

function recorder(): { sink: FrameSink; seen: Seen } {
  const seen: Seen = { frames: [], oversize: [], errors: [] };
  const sink: FrameSink = {
    onFrame: (type, flags, callId, buf, start, end) =>
      seen.frames.push(`${type}/${flags}/${callId}/${Buffer.from(buf.subarray(start, end)).toString("hex")}`),
    onOversizeFrame: (type, _flags, callId, length) => seen.oversize.push(`${type}/${callId}/${length}`),
    onFrameError: (reason) => seen.errors.push(reason),
  };
  return { sink, seen };
}

function frame(type: number, flags: number, callId: number, payload: Uint8Array): Buffer {
  const b = Buffer.alloc(HEADER_SIZE + payload.length);
  writeU32(b, 0, payload.length);
  b[4] = type;
  b[5] = flags;
  writeU32(b, 6, callId);
  b.set(payload, HEADER_SIZE);
  return b;
}

const limits = { maxCallFrame: 1000, maxConnectionFrame: 100 };

const stream = Buffer.concat([
  frame(2, 3, 1, Buffer.from("hello")),
  frame(3, 0, 1, new Uint8Array(0)),
  frame(9, 0, 0, Buffer.alloc(8, 7)),
  frame(6, 2, 1, Buffer.alloc(300, 1)),
]);

function decodeWhole(): Seen {
  const { sink, seen } = recorder();
  new FrameDecoder(sink, limits).push(stream);
  return seen;
}

test("several frames in one chunk are all delivered in order, zero-length included (A1, A2)", () => {
  const seen = decodeWhole();
  assert.equal(seen.frames.length, 4);
  assert.equal(seen.frames[1], "3/0/1/");
});

test("feeding one byte at a time gives the same frames (A2)", () => {
  const { sink, seen } = recorder();
  const d = new FrameDecoder(sink, limits);
  for (let i = 0; i < stream.length; i++) d.push(stream.subarray(i, i + 1));
  assert.deepEqual(seen, decodeWhole());
  assert.equal(d.hasPartial, false);
});

test("random chunkings give the same frames (A2, A9)", () => {
  const whole = decodeWhole();
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 20 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b);
      const { sink, seen } = recorder();
      const d = new FrameDecoder(sink, limits);
      let prev = 0;
      for (const p of [...points, stream.length]) {
        d.push(stream.subarray(prev, p));
        prev = p;
      }
      assert.deepEqual(seen, whole);
    }),
    { numRuns: 300 },
  );
});

test("an oversized call frame is skipped without buffering and the stream stays in sync (A3)", () => {
  const { sink, seen } = recorder();
  const d = new FrameDecoder(sink, limits);
  const big = frame(3, 0, 5, Buffer.alloc(5000, 9));
  const after = frame(3, 0, 7, Buffer.from("ok"));
  const all = Buffer.concat([big, after]);
  for (let i = 0; i < all.length; i += 333) d.push(all.subarray(i, i + 333));
  assert.deepEqual(seen.oversize, ["3/5/5000"]);
  assert.deepEqual(seen.frames, [`3/0/7/${Buffer.from("ok").toString("hex")}`]);
  assert.deepEqual(seen.errors, []);
});

test("a header claiming 4 GiB for a call frame allocates nothing (A3, I1)", () => {
  const { sink, seen } = recorder();
  const d = new FrameDecoder(sink, limits);
  const header = Buffer.alloc(HEADER_SIZE);
  writeU32(header, 0, 0xffff_fff0);
  header[4] = 3;
  writeU32(header, 6, 1);
  const before = process.memoryUsage().arrayBuffers;
  d.push(header);
  d.push(Buffer.alloc(1024));
  assert.ok(process.memoryUsage().arrayBuffers - before < 1024 * 1024);
  assert.equal(seen.oversize.length, 1);
  assert.equal(d.hasPartial, true);
});

test("an oversized connection frame is a fatal error and later bytes are ignored (I1)", () => {
  const { sink, seen } = recorder();
  const d = new FrameDecoder(sink, limits);
  d.push(Buffer.concat([frame(9, 0, 0, Buffer.alloc(500)), frame(9, 0, 0, Buffer.alloc(8))]));
  assert.equal(seen.errors.length, 1);
  assert.match(seen.errors[0] as string, /claims 500 bytes/);
  assert.deepEqual(seen.frames, []);
});

test("random bytes only ever produce frames, oversize reports or one error (A9 fuzz)", () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 30 }), (chunks) => {
      const { sink, seen } = recorder();
      const d = new FrameDecoder(sink, limits);
      for (const c of chunks) d.push(Buffer.from(c));
      assert.ok(seen.errors.length <= 1);
    }),
    { numRuns: 500 },
  );
});
