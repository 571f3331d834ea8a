/**
 * Generated codecs at run time, on the shared fixtures (loaded with the
 * project's loader, emitted, transpiled and imported): binary round trips,
 * wire-format rules (packed/unpacked, last-one-wins, merging, groups,
 * required fields, closed enums, unknown fields), name collisions, and a
 * cross-check of the bytes against protobufjs.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import protobuf from "protobufjs";
import { emitSchema } from "../generator/emit/emit-schema.js";
import { loadSchema } from "../generator/load/load-schema.js";
import { CodecError } from "../runtime/codec/codec-error.js";
import { Writer } from "../runtime/index.js";
import { fixturesRoot, live, type LiveType, materialize, testOptions } from "./emit-harness.js";

const protos = ["bench/v1/bench.proto", "scalars/scalars.proto", "proto2/defaults.proto", "names/collisions.proto", "oneofs/oneofs.proto", "maps/maps.proto"];
const payloads = JSON.parse(readFileSync(join(fixturesRoot, "..", "bench-payloads.json"), "utf8")) as Record<string, unknown>;

let types: (file: string, name: string) => Promise<LiveType>;

before(async () => {
  const model = await loadSchema({ protoPaths: [fixturesRoot], files: protos });
  const load = materialize(emitSchema(model, testOptions()));
  types = async (f, name) => live(await load(f), name);
});

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe("bench payloads", () => {
  test("encode to the documented sizes and decode back to an equal message", async () => {
    const Payload = await types("bench/v1/bench.proto", "Payload");
    for (const [which, size] of [["small", 104], ["large", 9873]] as const) {
      const m = Payload.fromJSON(payloads[which]);
      const bytes = Payload.encode(m);
      assert.equal(bytes.length, size, which);
      assert.ok(Payload.equals(Payload.decode(bytes), m), which);
    }
  });

  test("bytes agree with protobufjs both ways", async () => {
    const Payload = await types("bench/v1/bench.proto", "Payload");
    const root = protobuf.loadSync(join(fixturesRoot, "bench/v1/bench.proto"));
    const Theirs = root.lookupType("bench.v1.Payload");
    const ours = Payload.fromJSON(payloads["small"]);
    const decodedByThem = Theirs.toObject(Theirs.decode(Payload.encode(ours)), { longs: String, enums: String, bytes: String });
    assert.deepEqual(decodedByThem, Payload.toJSON(ours));
    const theirBytes = Theirs.encode(Theirs.fromObject(payloads["small"] as Record<string, unknown>)).finish();
    assert.ok(Payload.equals(Payload.decode(theirBytes), ours));
  });

  test("toJSON gives the canonical JSON the payloads are written in", async () => {
    const Payload = await types("bench/v1/bench.proto", "Payload");
    const small = payloads["small"] as { values: number[]; inner: { children: unknown[] } };
    const { children: _, ...inner } = small.inner;
    // The payload file writes int64 values as JSON numbers (accepted); canonical output uses strings.
    const canonical = { ...small, values: small.values.map(String), inner };
    assert.deepEqual(Payload.toJSON(Payload.fromJSON(small)), canonical);
  });
});

describe("wire-format rules", () => {
  test("repeated scalars decode from packed and unpacked encodings alike", async () => {
    const Packed = await types("scalars/scalars.proto", "RepeatedPacked");
    const Unpacked = await types("scalars/scalars.proto", "RepeatedUnpacked");
    const init = {
      fDouble: [1.5, -0, NaN], fFloat: [0.5], fInt32: [-1, 2 ** 31 - 1], fInt64: [-(2n ** 63n), 2n ** 63n - 1n],
      fUint32: [2 ** 32 - 1], fUint64: [2n ** 64n - 1n], fSint32: [-(2 ** 31)], fSint64: [-5n], fFixed32: [7], fFixed64: [8n],
      fSfixed32: [-9], fSfixed64: [-10n], fBool: [true, false],
    };
    const packed = Packed.create(init);
    const unpacked = Unpacked.create(init);
    const packedBytes = Packed.encode(packed);
    const unpackedBytes = Unpacked.encode(unpacked);
    assert.equal(packedBytes[0], (1 << 3) | 2, "f_double written as one length-delimited run");
    assert.equal(unpackedBytes[0], (1 << 3) | 1, "f_double written value by value");
    assert.ok(Unpacked.equals(Unpacked.decode(packedBytes), unpacked));
    assert.ok(Packed.equals(Packed.decode(unpackedBytes), packed));
  });

  test("the last occurrence of a scalar wins; a repeated singular message field is merged", async () => {
    const Payload = await types("bench/v1/bench.proto", "Payload");
    const EchoRequest = await types("bench/v1/bench.proto", "EchoRequest");
    const ids = Payload.decode(concat(Payload.encode(Payload.create({ id: 1 })), Payload.encode(Payload.create({ id: 2 }))));
    assert.equal(ids["id"], 2);
    const a = EchoRequest.encode(EchoRequest.create({ payload: { id: 1, values: [1n] } }));
    const b = EchoRequest.encode(EchoRequest.create({ payload: { name: "n", values: [2n] } }));
    const merged = EchoRequest.decode(concat(a, b));
    assert.ok(EchoRequest.equals(merged, EchoRequest.create({ payload: { id: 1, name: "n", values: [1n, 2n] } })));
  });

  test("unknown fields survive decode then encode byte for byte", async () => {
    const Payload = await types("bench/v1/bench.proto", "Payload");
    const EchoRequest = await types("bench/v1/bench.proto", "EchoRequest");
    // Every field of Payload is unknown to EchoRequest (field 1 there is a message, here a varint).
    const bytes = Payload.encode(Payload.fromJSON(payloads["small"]));
    const foreign = EchoRequest.decode(bytes);
    assert.equal(foreign["payload"], undefined);
    assert.deepEqual(EchoRequest.encode(foreign), bytes);
    assert.ok(!EchoRequest.equals(foreign, EchoRequest.create()), "unknown fields take part in equals");
  });

  test("a missing required field fails decode with an error naming message and field", async () => {
    const Required = await types("proto2/defaults.proto", "Required");
    const w = new Writer();
    w.uint32(8).int32(1); // id, but no name and no nested
    assert.throws(() => Required.decode(w.finish()), (err: unknown) => {
      assert.ok(err instanceof CodecError);
      assert.match(err.message, /required field proto2\.defaults\.Required\.name is missing/);
      return true;
    });
  });

  test("proto2 required and optional fields round-trip; absent optional fields stay undefined", async () => {
    const Required = await types("proto2/defaults.proto", "Required");
    const m = Required.create({ id: 0, name: "", nested: {}, unpacked: [1, 2], packed: [3], fruits: [1], fruitsPacked: [2, -3], s64Packed: [-1n] });
    const back = Required.decode(Required.encode(m));
    assert.ok(Required.equals(back, m));
    assert.equal(back["note"], undefined);
    assert.equal((back["nested"] as Record<string, unknown>)["i32"], undefined, "defaults are not invented on decode");
  });

  test("groups encode as START/END_GROUP and round-trip, nested groups included", async () => {
    const WithGroups = await types("proto2/defaults.proto", "WithGroups");
    const m = WithGroups.create({ result: { url: "u", title: "t" }, entry: [{ key: 1, inner: { deep: true } }, { key: 2 }], mixedCaseName: { x: 3 } });
    const bytes = WithGroups.encode(m);
    assert.equal(bytes[0], (1 << 3) | 3, "field 1 starts with a START_GROUP key");
    assert.ok(WithGroups.equals(WithGroups.decode(bytes), m));
    const root = protobuf.loadSync(join(fixturesRoot, "proto2/defaults.proto"));
    const theirs = root.lookupType("proto2.defaults.WithGroups").decode(bytes).toJSON();
    assert.deepEqual(theirs["entry"], [{ key: 1, inner: { deep: true } }, { key: 2 }]);
  });

  test("a field that runs past the end of its message, packed run or map entry is a CodecError", async () => {
    const Payload = await types("bench/v1/bench.proto", "Payload");
    const hello = [0x68, 0x65, 0x6c, 0x6c, 0x6f];
    const cases: [string, number[]][] = [
      ["inner (length 2) holding a 5-byte note", [0x2a, 0x02, 0x0a, 0x05, ...hello]],
      ["a packed run of 1 byte holding a 2-byte varint", [0x1a, 0x01, 0x80, 0x01]],
      ["a map entry (length 2) holding a 5-byte key", [0x22, 0x02, 0x0a, 0x05, ...hello]],
      ["inner longer than the input", [0x2a, 0x09, 0x0a, 0x05, ...hello]],
    ];
    for (const [what, input] of cases) {
      assert.throws(() => Payload.decode(Uint8Array.from(input)), CodecError, what);
    }
    // The same bytes with lengths that fit decode.
    assert.equal((Payload.decode(Uint8Array.from([0x2a, 0x07, 0x0a, 0x05, ...hello]))["inner"] as { note: string }).note, "hello");
    assert.deepEqual(Payload.decode(Uint8Array.from([0x1a, 0x02, 0x80, 0x01]))["values"], [128n]);
  });

  test("a mismatched END_GROUP is a CodecError", async () => {
    const WithGroups = await types("proto2/defaults.proto", "WithGroups");
    assert.throws(() => WithGroups.decode(new Uint8Array([(1 << 3) | 3, (2 << 3) | 4])), CodecError);
    assert.throws(() => WithGroups.decode(new Uint8Array([(1 << 3) | 3])), CodecError);
  });

  test("unknown values of closed enums go to unknown fields, singular, packed and in maps", async () => {
    const Holder = await types("proto2/defaults.proto", "Holder");
    const w = new Writer();
    w.uint32(8).int32(7); // closed = 7 (unknown)
    const entry = w.uint32(18).fork(); // closed_values { "k": 9 }
    w.uint32(10).string("k").uint32(16).int32(9);
    w.join(entry);
    const bytes = w.finish();
    const m = Holder.decode(bytes);
    assert.equal(m["closed"], undefined);
    assert.deepEqual(m["closedValues"], {});
    assert.deepEqual(Holder.encode(m), bytes);
    const Required = await types("proto2/defaults.proto", "Required");
    const p = new Writer();
    p.uint32(8).int32(1).uint32(18).string("n").uint32(34).uint32(0);
    const run = p.uint32(66).fork(); // fruits_packed: 1, 5 (unknown), 2
    p.int32(1).int32(5).int32(2);
    p.join(run);
    const decoded = Required.decode(p.finish());
    assert.deepEqual(decoded["fruitsPacked"], [1, 2]);
    const again = Required.decode(Required.encode(decoded));
    assert.deepEqual(again["fruitsPacked"], [1, 2], "the unknown value stays out of the field");
  });
});

describe("names that collide with JavaScript", () => {
  test("fields named like Object.prototype members get a `$` and leave the prototype alone", async () => {
    const Obj = await types("names/collisions.proto", "Object$");
    const m = Obj.create({ constructor$: 1, Proto: "p", toString$: true, hasOwnProperty$: 2, valueOf$: "v", prototype: 3 });
    const back = Obj.decode(Obj.encode(m));
    assert.ok(Obj.equals(back, m));
    assert.equal(`${String(back)}`, "[object Object]", "toString still works");
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.deepEqual(Obj.toJSON(back), { constructor: 1, Proto: "p", toString: true, hasOwnProperty: 2, valueOf: "v", prototype: 3 });
    const json = JSON.parse('{"constructor": 1, "__proto__": "p", "toString": true, "hasOwnProperty": 2, "valueOf": "v", "prototype": 3}') as object;
    assert.ok(Obj.equals(Obj.fromJSON(json), m), "proto names are accepted, __proto__ included");
  });

  test("a map key \"__proto__\" is an ordinary entry, through create, decode and JSON", async () => {
    const UsesAll = await types("names/collisions.proto", "UsesAll");
    const objects = JSON.parse('{"__proto__": {"valueOf": "x"}, "a": {}}') as object;
    const m = UsesAll.create({ objects, constructor$: { case: "Proto", value: { prototype: 1 } } });
    for (const candidate of [m, UsesAll.decode(UsesAll.encode(m)), UsesAll.fromJSON(UsesAll.toJSON(m))]) {
      const map = candidate["objects"] as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(map), Object.prototype);
      assert.deepEqual(Object.keys(map).sort(), ["__proto__", "a"]);
      assert.ok(UsesAll.equals(candidate, m));
    }
    assert.deepEqual(Object.keys(UsesAll.toJSON(m) as object), ["objects", "Proto"]);
  });

  test("enum values named like reserved words and __proto__ are members; JSON keeps proto names", async () => {
    const load = await loadSchema({ protoPaths: [fixturesRoot], files: ["names/collisions.proto"] });
    const mod = await materialize(emitSchema(load, testOptions()))("names/collisions.ts");
    const Keyword = mod["Keyword"] as Record<string, number>;
    assert.equal(Keyword["delete"], 2);
    assert.equal(Keyword["__proto__$"], 8);
    assert.equal(Object.getPrototypeOf(Keyword), Object.prototype);
    const json = mod["Keyword$json"] as { toJSON(v: number): unknown; fromJSON(j: unknown, w: string): number };
    assert.equal(json.toJSON(8), "__proto__");
    assert.equal(json.fromJSON("__proto__", "t"), 8);
  });
});

describe("oneofs", () => {
  test("every member kind round-trips through binary and JSON; a message member merges", async () => {
    const Choice = await types("oneofs/oneofs.proto", "Choice");
    const cases = [
      { case: "number", value: -5 }, { case: "text", value: "t" }, { case: "data", value: new Uint8Array([1]) },
      { case: "mode", value: 1 }, { case: "leaf", value: { name: "l" } }, { case: "big", value: -(2n ** 40n) }, { case: "ratio", value: 0.25 },
    ];
    for (const value of cases) {
      const m = Choice.create({ before: 1, value, middle: "m", other: { case: "nestedChoice", value: { value: { case: "number", value: 0 } } } });
      assert.ok(Choice.equals(Choice.decode(Choice.encode(m)), m), value.case);
      assert.ok(Choice.equals(Choice.fromJSON(Choice.toJSON(m)), m), value.case);
    }
    const zero = Choice.create({ value: { case: "number", value: 0 } });
    assert.deepEqual(Choice.decode(Choice.encode(zero))["value"], { case: "number", value: 0 }, "a set member is written even at zero");
    assert.deepEqual(Choice.create()["value"], { case: undefined });
  });
});

describe("int64 representations", () => {
  test("--int64 string and number round-trip 64-bit fields and map keys", async () => {
    const model = await loadSchema({ protoPaths: [fixturesRoot], files: ["scalars/scalars.proto", "maps/maps.proto"] });
    for (const [int64, big] of [["string", "-9007199254740993"], ["number", -9007199254740991]] as const) {
      const load = materialize(emitSchema(model, testOptions({ int64 })));
      const Singular = live(await load("scalars/scalars.ts"), "Singular");
      const m = Singular.create({ fInt64: big, fUint64: int64 === "string" ? "18446744073709551615" : 2 ** 53 - 1, fSfixed64: big });
      const back = Singular.decode(Singular.encode(m));
      assert.ok(Singular.equals(back, m), int64);
      assert.equal(typeof back["fInt64"], int64);
      const Keys = live(await load("maps/maps.ts"), "Keys");
      const k = Keys.create({ kInt64: { "-5": "a" }, kBool: { true: "t" }, kInt32: { 7: "s" } });
      assert.ok(Keys.equals(Keys.decode(Keys.encode(k)), k), int64);
      // Partial messages encode like create() of them in these representations too (zero is "0" or 0, not 0n).
      for (const partial of [{}, { fInt64: big }, { fUint64: int64 === "string" ? "0" : 0, fSint64: big }]) {
        assert.deepEqual(Singular.encode(partial), Singular.encode(Singular.create(partial)), `${int64} ${JSON.stringify(partial)}`);
      }
    }
  });
});
