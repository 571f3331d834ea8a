import assert from "node:assert/strict";
import { test } from "node:test";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

test("a fork holding 0 to 2^21 bytes gets the shortest length prefix and keeps its content", () => {
  for (const n of [0, 1, 127, 128, 129, 16383, 16384, 16385, 2097151, 2097152]) {
    const content = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
    const w = new Writer();
    w.uint32(0x0a);
    const mark = w.fork();
    w.raw(content);
    w.join(mark);
    w.uint32(0x10).uint32(1); // something after the fork must land after the shifted content
    const out = w.finish();
    const prefix = varint(n);
    assert.equal(out.length, 1 + prefix.length + n + 2, `length for ${n}`);
    assert.deepEqual([...out.subarray(1, 1 + prefix.length)], prefix, `prefix for ${n}`);
    assert.ok(Buffer.from(out.subarray(1 + prefix.length, 1 + prefix.length + n)).equals(content), `content for ${n}`);
    assert.deepEqual([...out.subarray(out.length - 2)], [0x10, 1]);
  }
});

test("nested forks whose lengths cross the 1-byte, 2-byte and 3-byte boundaries decode to their contents", () => {
  const w = new Writer();
  const outer = w.fork();
  const middle = w.fork();
  const inner = w.fork();
  w.raw(new Uint8Array(127).fill(1)); // inner: 127 (1-byte prefix), middle 128, outer 130
  w.join(inner);
  w.join(middle);
  w.raw(new Uint8Array(16300).fill(2)); // outer grows past 16383: 3-byte prefix
  w.join(outer);
  const r = new Reader(w.finish());
  const outerLen = r.uint32();
  assert.equal(outerLen, 2 + 128 + 16300);
  assert.equal(r.pos, 3);
  assert.equal(r.uint32(), 128);
  assert.equal(r.uint32(), 127);
  assert.equal(r.buf[r.pos], 1);
  assert.equal(r.buf[r.pos + 126], 1);
  assert.equal(r.buf[r.pos + 127], 2);
  assert.equal(r.end, 3 + outerLen);
});

test("join without a matching fork throws instead of corrupting the output", () => {
  const w = new Writer();
  assert.throws(() => w.join(5), RangeError);
});

test("finish returns a copy and resets the writer for reuse", () => {
  const w = new Writer();
  w.uint32(8).uint32(150);
  const first = w.finish();
  assert.equal(hex(first), "089601");
  w.uint32(16).bool(true);
  const second = w.finish();
  assert.equal(hex(second), "1001");
  assert.equal(hex(first), "089601", "the first result changed when the writer was reused");
  assert.equal(w.finish().length, 0);
});

test("results of many encodes never share bytes", () => {
  const results: Uint8Array[] = [];
  for (let i = 0; i < 3000; i++) {
    const w = new Writer();
    w.raw(new Uint8Array(i % 300).fill(i & 0xff));
    results.push(w.finish());
  }
  results.forEach((r, i) => {
    assert.equal(r.length, i % 300);
    assert.ok(r.every((b) => b === (i & 0xff)), `result ${i} was overwritten`);
  });
});

test("two writers used at the same time do not write into each other", () => {
  const a = new Writer();
  const b = new Writer();
  for (let i = 0; i < 2000; i++) {
    a.uint32(1);
    b.uint32(2);
  }
  const outA = a.finish();
  const c = new Writer(); // takes the scratch buffer that `a` gave back
  c.raw(new Uint8Array(5000).fill(3));
  const outB = b.finish();
  assert.ok(outA.every((x) => x === 1) && outA.length === 2000);
  assert.ok(outB.every((x) => x === 2) && outB.length === 2000);
  assert.ok(c.finish().every((x) => x === 3));
});

test("a writer dropped mid-encode does not disturb later writers", () => {
  const dropped = new Writer();
  dropped.uint32(99);
  dropped.fork();
  const w = new Writer();
  w.string("after");
  assert.equal(hex(w.finish()), "05" + Buffer.from("after").toString("hex"));
});

test("messages larger than the pooled scratch buffer encode correctly", () => {
  const w = new Writer();
  const big = new Uint8Array(3 << 20).fill(9);
  w.uint32(10).bytes(big);
  const out = w.finish();
  const r = new Reader(out);
  assert.equal(r.uint32(), 10);
  const back = r.bytes();
  assert.equal(back.length, big.length);
  assert.ok(back.every((x) => x === 9));
});

test("strings are written as TextEncoder writes them, lone surrogates as U+FFFD", () => {
  const encoder = new TextEncoder();
  const samples = [
    "", "abc", "\u00e9t\u00e9", "\u20ac".repeat(43), "\ud83d\ude00", "\ud800", "\udc00x", "a\ud83d", "\ud83d".repeat(40),
    "x".repeat(200) + "\ud800", "\u0800\u07ff\u0080\u007f", "\ufeff", "\u20ac".repeat(70000), "\ud83d\ude00".repeat(40000),
  ];
  for (const s of samples) {
    const w = new Writer();
    w.string(s);
    const out = w.finish();
    const expected = encoder.encode(s);
    const r = new Reader(out);
    assert.equal(r.uint32(), expected.length, `length prefix of ${JSON.stringify(s.slice(0, 20))}`);
    assert.ok(Buffer.from(out.subarray(r.pos)).equals(expected), `bytes of ${JSON.stringify(s.slice(0, 20))}`);
  }
});

test("64-bit writers give the same bytes from bigint, decimal string and number", () => {
  const values = [0n, 1n, -1n, 300n, -300n, 2n ** 32n, -(2n ** 32n), 2n ** 53n - 1n, -(2n ** 53n) + 1n, 2n ** 31n, 1700000000000n];
  type Kind = "int64" | "sint64" | "sfixed64";
  for (const v of values) {
    for (const kind of ["int64", "sint64", "sfixed64"] as Kind[]) {
      const big = new Writer()[kind](v).finish();
      const str = new Writer()[`${kind}String`](v.toString()).finish();
      const num = new Writer()[`${kind}Number`](Number(v)).finish();
      assert.equal(hex(str), hex(big), `${kind}String ${v}`);
      assert.equal(hex(num), hex(big), `${kind}Number ${v}`);
    }
    if (v >= 0n) {
      for (const kind of ["uint64", "fixed64"] as const) {
        const big = new Writer()[kind](v).finish();
        assert.equal(hex(new Writer()[`${kind}String`](v.toString()).finish()), hex(big), `${kind}String ${v}`);
        assert.equal(hex(new Writer()[`${kind}Number`](Number(v)).finish()), hex(big), `${kind}Number ${v}`);
      }
    }
  }
  assert.equal(hex(new Writer().uint64String("18446744073709551615").finish()), "ffffffffffffffffff01");
  assert.equal(hex(new Writer().int64String("-9223372036854775808").finish()), "80808080808080808001");
});

test("64-bit writers refuse values outside the type's range instead of wrapping them", () => {
  const w = new Writer();
  assert.throws(() => w.int64(2n ** 63n), RangeError);
  assert.throws(() => w.int64(-(2n ** 63n) - 1n), RangeError);
  assert.throws(() => w.sint64(2n ** 63n), RangeError);
  assert.throws(() => w.uint64(-1n), RangeError);
  assert.throws(() => w.uint64(2n ** 64n), RangeError);
  assert.throws(() => w.fixed64(-1n), RangeError);
  assert.throws(() => w.sfixed64(2n ** 63n), RangeError);
  assert.throws(() => w.uint64String("-1"), RangeError);
  assert.throws(() => w.int64String("twelve"), RangeError);
  assert.throws(() => w.int64String("9223372036854775808"), RangeError);
  assert.throws(() => w.int64Number(1.5), RangeError);
  assert.throws(() => w.uint64Number(-1), RangeError);
  assert.throws(() => w.int64Number(NaN), RangeError);
});

test("32-bit writers coerce like protobufjs: int32 wraps, uint32 takes the low 32 bits", () => {
  assert.equal(hex(new Writer().int32(2 ** 31).finish()), "80808080f8ffffffff01");
  assert.equal(hex(new Writer().uint32(2 ** 32 + 5).finish()), "05");
  assert.equal(hex(new Writer().uint32(-1).finish()), "ffffffff0f");
});

test("alternating small and large messages, with forks open while a message outgrows its slab, all encode correctly", () => {
  const expected: string[] = [];
  const results: Uint8Array[] = [];
  for (let i = 0; i < 60; i++) {
    const size = i % 3 === 0 ? 20000 + i : i % 3 === 1 ? 10 + i : 6000 + i; // large, small, outgrows an 8 KiB slab
    const w = new Writer();
    w.uint32(10);
    const outer = w.fork();
    w.uint32(18);
    const inner = w.fork();
    w.raw(new Uint8Array(size).fill(i));
    w.join(inner);
    w.join(outer);
    w.uint32(24).uint32(i);
    results.push(w.finish());
    const reference = new Writer();
    reference.uint32(10).uint32(size + 1 + varintLength(size)).uint32(18).uint32(size).raw(new Uint8Array(size).fill(i)).uint32(24).uint32(i);
    expected.push(hex(reference.finish()));
  }
  results.forEach((r, i) => assert.equal(hex(r), expected[i], `message ${i}`));
});

function varintLength(n: number): number {
  return varint(n).length;
}

test("results are 8-byte aligned views that do not overlap", () => {
  const results: Uint8Array[] = [];
  for (let i = 0; i < 200; i++) results.push(new Writer().raw(new Uint8Array(1 + (i % 37)).fill(i)).finish());
  const byBuffer = new Map<ArrayBufferLike, Array<[number, number]>>();
  for (const r of results) {
    assert.equal(r.byteOffset % 8, 0);
    const ranges = byBuffer.get(r.buffer) ?? [];
    for (const [s, e] of ranges) assert.ok(r.byteOffset >= e || r.byteOffset + r.length <= s, "two results share bytes");
    ranges.push([r.byteOffset, r.byteOffset + r.length]);
    byBuffer.set(r.buffer, ranges);
  }
});
