/**
 * Our Writer and Reader against protobufjs's and @bufbuild/protobuf's, value
 * by value: same bytes out, and each side reads what the others wrote.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BinaryReader, BinaryWriter } from "@bufbuild/protobuf/wire";
import fc from "fast-check";
import protobuf from "protobufjs/minimal.js";
import { Reader } from "./reader.js";
import { type ScalarCase, scalarCases } from "./scalar-cases.test-support.js";
import { Writer } from "./writer.js";

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

/** Writes `v` behind a tag, as generated code does, with all three writers, and checks the bytes and reads agree. */
function check<T>(c: ScalarCase<T>, v: T): void {
  const ours = new Writer();
  ours.uint32(8);
  c.write(ours, v);
  const bytes = ours.finish();

  const es = new BinaryWriter();
  es.uint32(8);
  c.esWrite(es, v);
  const esBytes = es.finish();
  assert.equal(hex(bytes), hex(esBytes), `${c.name} ${String(v)}: bytes differ from @bufbuild/protobuf`);

  if (c.pbjsWrite !== undefined) {
    const pbjs = protobuf.Writer.create();
    pbjs.uint32(8);
    c.pbjsWrite(pbjs, v);
    assert.equal(hex(bytes), hex(pbjs.finish()), `${c.name} ${String(v)}: bytes differ from protobufjs`);
  }

  const r = new Reader(bytes);
  assert.equal(r.uint32(), 8);
  const back = c.read(r);
  assert.ok(c.same(back, v), `${c.name}: wrote ${String(v)}, read back ${String(back)}`);
  assert.equal(r.pos, r.end, `${c.name} ${String(v)}: bytes left over`);

  const esReader = new BinaryReader(bytes);
  esReader.uint32();
  assert.ok(c.same(c.esRead(esReader), v), `${c.name} ${String(v)}: @bufbuild/protobuf reads another value`);

  if (c.pbjsRead !== undefined) {
    const pbjsReader = protobuf.Reader.create(bytes);
    pbjsReader.uint32();
    assert.ok(c.same(c.pbjsRead(pbjsReader), v), `${c.name} ${String(v)}: protobufjs reads another value`);
  }
}

for (const scalar of scalarCases) {
  scalar.run((c) => {
    test(`${c.name} edge values encode like protobufjs and @bufbuild/protobuf and read back`, () => {
      for (const v of c.edges) check(c, v);
    });
    test(`${c.name} random values encode like protobufjs and @bufbuild/protobuf and read back`, () => {
      fc.assert(fc.property(c.arbitrary, (v) => check(c, v)), { numRuns: 300 });
    });
  });
}

test("a random sequence of fields round-trips through all three codecs", () => {
  const field = fc.constantFrom(...scalarCases).chain((s) =>
    s.run((c) => c.arbitrary.map((v) => ({ write: (w: Writer) => c.write(w, v), esWrite: (w: BinaryWriter) => c.esWrite(w, v), verify: (r: Reader) => assert.ok(c.same(c.read(r), v), c.name) }))),
  );
  fc.assert(
    fc.property(fc.array(field, { maxLength: 30 }), (fields) => {
      const ours = new Writer();
      const es = new BinaryWriter();
      for (const f of fields) {
        f.write(ours);
        f.esWrite(es);
      }
      const bytes = ours.finish();
      assert.equal(hex(bytes), hex(es.finish()));
      const r = new Reader(bytes);
      for (const f of fields) f.verify(r);
      assert.equal(r.pos, bytes.length);
    }),
    { numRuns: 300 },
  );
});

type Tree = { readonly size: number; readonly children: readonly Tree[] };

/** Nested forks whose contents straddle the 1/2/3-byte length boundaries. */
function treeArb(depth: number): fc.Arbitrary<Tree> {
  const size = fc.oneof(fc.integer({ min: 0, max: 130 }), fc.constantFrom(126, 127, 128, 16382, 16383, 16384, 20000));
  const children = depth === 0 ? fc.constant([]) : fc.array(treeArb(depth - 1), { maxLength: 3 });
  return fc.record({ size, children });
}

function writeTree(t: Tree, w: Writer): void {
  w.raw(new Uint8Array(t.size).fill(t.size & 0xff));
  for (const child of t.children) {
    w.uint32(10);
    const mark = w.fork();
    writeTree(child, w);
    w.join(mark);
  }
}

function esWriteTree(t: Tree, w: BinaryWriter): void {
  w.raw(new Uint8Array(t.size).fill(t.size & 0xff));
  for (const child of t.children) {
    w.uint32(10);
    w.fork();
    esWriteTree(child, w);
    w.join();
  }
}

test("nested forks write the same length prefixes as @bufbuild/protobuf", () => {
  fc.assert(
    fc.property(treeArb(3), (t) => {
      const w = new Writer();
      writeTree(t, w);
      const es = new BinaryWriter();
      esWriteTree(t, es);
      assert.equal(hex(w.finish()), hex(es.finish()));
    }),
    { numRuns: 200 },
  );
});
