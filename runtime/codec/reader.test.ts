import assert from "node:assert/strict";
import { test } from "node:test";
import { CodecError } from "./codec-error.js";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, "hex"));

/** Asserts that `read` throws a CodecError whose message matches `what` and names `offset`. */
function assertCodecError(read: () => unknown, what: RegExp, offset: number): void {
  assert.throws(read, (e: unknown) => {
    assert.ok(e instanceof CodecError, `expected CodecError, got ${String(e)}`);
    assert.match(e.message, what);
    assert.equal(e.offset, offset, e.message);
    assert.match(e.message, new RegExp(`at offset ${offset}$`));
    return true;
  });
}

const malformed: ReadonlyArray<{ name: string; input: Uint8Array; read: (r: Reader) => unknown; what: RegExp; offset: number }> = [
  { name: "an empty buffer read as a varint", input: bytes(), read: (r) => r.uint32(), what: /truncated varint/, offset: 0 },
  { name: "a varint whose last byte is missing", input: bytes(0x96), read: (r) => r.uint32(), what: /truncated varint/, offset: 0 },
  { name: "a 64-bit varint cut after 7 bytes", input: fromHex("ffffffffffffff"), read: (r) => r.int64(), what: /truncated varint/, offset: 0 },
  { name: "a 64-bit varint cut after 2 bytes", input: bytes(0x80, 0x80), read: (r) => r.int64(), what: /truncated varint/, offset: 0 },
  { name: "a bool cut in the middle", input: bytes(0x80), read: (r) => r.bool(), what: /truncated varint/, offset: 0 },
  { name: "an 11-byte varint read as uint32", input: fromHex("ffffffffffffffffffff01"), read: (r) => r.uint32(), what: /longer than 10 bytes/, offset: 0 },
  { name: "an 11-byte varint read as int64", input: fromHex("ffffffffffffffffffff01"), read: (r) => r.int64(), what: /longer than 10 bytes/, offset: 0 },
  { name: "an 11-byte varint skipped", input: fromHex("08ffffffffffffffffffff01"), read: (r) => r.skip(r.uint32()), what: /longer than 10 bytes/, offset: 1 },
  { name: "a string longer than the rest", input: bytes(0x05, 0x61, 0x62), read: (r) => r.string(), what: /string length 5 runs past the end \(2 bytes left\)/, offset: 0 },
  { name: "bytes with a 4 GiB length", input: fromHex("ffffffff0f00"), read: (r) => r.bytes(), what: /bytes length 4294967295 runs past the end/, offset: 0 },
  { name: "a truncated fixed32", input: bytes(1, 2, 3), read: (r) => r.fixed32(), what: /truncated fixed32: 4 bytes needed, 3 left/, offset: 0 },
  { name: "a truncated sfixed64", input: bytes(1, 2, 3, 4, 5, 6, 7), read: (r) => r.sfixed64(), what: /truncated fixed64/, offset: 0 },
  { name: "a truncated float", input: bytes(1), read: (r) => r.float(), what: /truncated float/, offset: 0 },
  { name: "a truncated double", input: bytes(0, 0, 0, 0), read: (r) => r.double(), what: /truncated double/, offset: 0 },
  { name: "a skipped fixed64 field past the end", input: bytes(0x09, 1, 2), read: (r) => r.skip(r.uint32()), what: /truncated fixed64 field/, offset: 1 },
  { name: "a skipped fixed32 field past the end", input: bytes(0x0d, 1), read: (r) => r.skip(r.uint32()), what: /truncated fixed32 field/, offset: 1 },
  { name: "a skipped length-delimited field past the end", input: bytes(0x0a, 0x7f, 0), read: (r) => r.skip(r.uint32()), what: /length-delimited field length 127 runs past the end/, offset: 1 },
  { name: "wire type 6", input: bytes(0x0e), read: (r) => r.skip(r.uint32()), what: /invalid wire type 6 for field 1/, offset: 1 },
  { name: "wire type 7", input: bytes(0x17), read: (r) => r.skip(r.uint32()), what: /invalid wire type 7 for field 2/, offset: 1 },
  { name: "field number 0", input: bytes(0x00, 0x01), read: (r) => r.skip(r.uint32()), what: /invalid field number 0/, offset: 1 },
  { name: "an END_GROUP with no group open", input: bytes(0x0c), read: (r) => r.skip(r.uint32()), what: /END_GROUP for field 1 without a matching START_GROUP/, offset: 1 },
  { name: "an END_GROUP of another field", input: bytes(0x0b, 0x08, 0x01, 0x14), read: (r) => r.skip(r.uint32()), what: /END_GROUP for field 2 inside the group of field 1/, offset: 4 },
  { name: "a group never closed", input: bytes(0x0b, 0x08, 0x01), read: (r) => r.skip(r.uint32()), what: /group of field 1 not closed/, offset: 3 },
  { name: "a bad wire type inside a skipped group", input: bytes(0x0b, 0x0f, 0x0c), read: (r) => r.skip(r.uint32()), what: /invalid wire type 7 for field 1/, offset: 2 },
];

for (const m of malformed) {
  test(`${m.name} throws a CodecError naming the problem and its offset`, () => {
    assertCodecError(() => m.read(new Reader(m.input)), m.what, m.offset);
  });
}

test("groups nested deeper than the limit throw a CodecError, not a stack overflow", () => {
  const depth = 100_000;
  const input = new Uint8Array(depth).fill(0x0b); // START_GROUP field 1, over and over
  assertCodecError(() => new Reader(input).skip(0x0b), /nested deeper than 100/, 100);
});

test("skip passes over every wire type, nested groups included, and stops right after the value", () => {
  const w = new Writer();
  w.uint32(0x08).int64(-1n); // varint, 10 bytes
  w.uint32(0x11).fixed64(5n);
  w.uint32(0x1a).string("skipped");
  w.uint32(0x23); // group 4 { field 1 varint, group 5 { field 2 fixed32 } }
  w.uint32(0x08).uint32(300);
  w.uint32(0x2b).uint32(0x15).fixed32(7).uint32(0x2c);
  w.uint32(0x24);
  w.uint32(0x2d).float(1.5);
  w.uint32(0x30).uint32(42); // the field read after all the skips
  const r = new Reader(w.finish());
  for (let i = 0; i < 5; i++) r.skip(r.uint32());
  assert.equal(r.uint32(), 0x30);
  assert.equal(r.uint32(), 42);
  assert.equal(r.pos, r.end);
});

test("a negative int32 written as a 10-byte varint reads back, and uint32 keeps its low 32 bits", () => {
  const input = fromHex("feffffffffffffffff01");
  assert.equal(new Reader(input).int32(), -2);
  assert.equal(new Reader(input).uint32(), 0xfffffffe);
  assert.equal(new Reader(fromHex("8080808010")).uint32(), 0); // 2^32: bit 32 falls off
});

test("bool is true for any non-zero varint, including one with only high bits set", () => {
  assert.equal(new Reader(bytes(0x80, 0x00)).bool(), false);
  assert.equal(new Reader(bytes(0x02)).bool(), true);
  assert.equal(new Reader(fromHex("8080808010")).bool(), true);
});

test("64-bit readers give the same value as bigint, decimal string and number", () => {
  const values = [0n, 1n, -1n, 300n, 2n ** 32n, -(2n ** 32n), 2n ** 53n - 1n, -(2n ** 53n), 2n ** 62n + 1n, -(2n ** 63n), 2n ** 63n - 1n];
  for (const v of values) {
    for (const kind of ["int64", "sint64", "sfixed64"] as const) {
      const encoded = new Writer()[kind](v).finish();
      assert.equal(new Reader(encoded)[kind](), v, `${kind} ${v}`);
      assert.equal(new Reader(encoded)[`${kind}String`](), v.toString(), `${kind}String ${v}`);
      assert.equal(new Reader(encoded)[`${kind}Number`](), Number(v), `${kind}Number ${v}`);
    }
    const u = BigInt.asUintN(64, v);
    for (const kind of ["uint64", "fixed64"] as const) {
      const encoded = new Writer()[kind](u).finish();
      assert.equal(new Reader(encoded)[kind](), u, `${kind} ${u}`);
      assert.equal(new Reader(encoded)[`${kind}String`](), u.toString(), `${kind}String ${u}`);
      assert.equal(new Reader(encoded)[`${kind}Number`](), Number(u), `${kind}Number ${u}`);
    }
  }
});

test("64-bit varints of every length read the same at the end of the input and with more bytes after them", () => {
  const values = [127n, 128n, 2n ** 14n - 1n, 2n ** 14n, 2n ** 21n - 1n, 2n ** 21n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 35n, -1n];
  for (const v of values) {
    for (const kind of ["int64", "uint64"] as const) {
      const value = kind === "uint64" ? BigInt.asUintN(64, v) : v;
      const alone = new Writer()[kind](value).finish().slice();
      const followed = new Writer()[kind](value).uint32(1).uint32(2).uint32(3).finish();
      for (const input of [alone, followed]) {
        const r = new Reader(input);
        assert.equal(r[kind](), value, `${kind} ${value} in ${input.length} bytes`);
        assert.equal(r.pos, alone.length, `${kind} ${value}: position after it`);
      }
    }
  }
});

test("bytes are copied out of the input, so reusing the input buffer does not change them", () => {
  const input = bytes(3, 1, 2, 3);
  const value = new Reader(input).bytes();
  input.fill(0);
  assert.deepEqual([...value], [1, 2, 3]);
});

test("strings read from a subarray of a larger buffer use the subarray's offsets", () => {
  const whole = new Uint8Array(20).fill(0x7a);
  whole.set([5, 0x68, 0x65, 0x6c, 0x6c, 0x6f], 7);
  const r = new Reader(whole.subarray(7, 13));
  assert.equal(r.string(), "hello");
  assert.equal(r.pos, 6);
});

test("invalid UTF-8 decodes to U+FFFD like TextDecoder, and a leading U+FEFF is kept", () => {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const samples = [
    [0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0x61, 0x80, 0x62], [0xef, 0xbb, 0xbf, 0x61],
    [0xc0, 0xaf], Array.from({ length: 40 }, (_, i) => (i === 20 ? 0xfe : 0x61)),
  ];
  for (const s of samples) {
    const input = Uint8Array.from([s.length, ...s]);
    assert.equal(new Reader(input).string(), decoder.decode(Uint8Array.from(s)), `bytes ${s.join(",")}`);
  }
});
