/**
 * The proto3 JSON mapping of generated messages: well-known types with their
 * special forms (Timestamp, Duration, FieldMask, wrappers, Struct/Value/
 * ListValue, Empty, Any through the type registry), names, defaults and errors.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { emitSchema } from "../generator/emit/emit-schema.js";
import { loadSchema } from "../generator/load/load-schema.js";
import { JsonError } from "../runtime/json/json-error.js";
import { fixturesRoot, live, type LiveType, materialize, testOptions } from "./emit-harness.js";

let WellKnown: LiveType;
let Inner: LiveType;
let Choice: LiveType;

before(async () => {
  const model = await loadSchema({ protoPaths: [fixturesRoot], files: ["wkt/wkt.proto", "bench/v1/bench.proto", "oneofs/oneofs.proto"] });
  const load = materialize(emitSchema(model, testOptions()));
  WellKnown = live(await load("wkt/wkt.proto"), "WellKnown");
  Inner = live(await load("bench/v1/bench.proto"), "Inner");
  Choice = live(await load("oneofs/oneofs.proto"), "Choice");
});

const canonical = {
  timestamp: "2024-01-02T03:04:05.006Z",
  duration: "-1.500s",
  any: { "@type": "type.googleapis.com/bench.v1.Inner", note: "packed", ts: "5" },
  struct: { a: 1, b: [true, null, "s"], c: { d: {} } },
  value: "text",
  listValue: [1, "x", { y: false }],
  fieldMask: "fooBar,baz.quxQuux",
  empty: {},
  doubleValue: "NaN",
  floatValue: 1.5,
  int64Value: "-5",
  uint64Value: "18446744073709551615",
  int32Value: 7,
  uint32Value: 4294967295,
  boolValue: false,
  stringValue: "",
  bytesValue: "AQI=",
  timestamps: ["1970-01-01T00:00:00Z", "0001-01-01T00:00:00.000000001Z"],
  values: { k: null, n: 2 },
  oneDuration: "3600s",
};

test("well-known types read and write their canonical JSON forms", () => {
  const m = WellKnown.fromJSON(canonical);
  assert.deepEqual(m["timestamp"], { seconds: 1704164645n, nanos: 6000000 });
  assert.deepEqual(m["duration"], { seconds: -1n, nanos: -500000000 });
  assert.deepEqual((m["fieldMask"] as { paths: string[] }).paths, ["foo_bar", "baz.qux_quux"]);
  assert.deepEqual(WellKnown.toJSON(m), canonical);
});

test("well-known types survive a binary round trip, Any included", () => {
  const m = WellKnown.fromJSON(canonical);
  const back = WellKnown.decode(WellKnown.encode(m));
  assert.ok(WellKnown.equals(back, m));
  const any = back["any"] as { typeUrl: string; value: Uint8Array };
  assert.equal(any.typeUrl, "type.googleapis.com/bench.v1.Inner");
  assert.deepEqual(Inner.toJSON(Inner.decode(any.value)), { note: "packed", ts: "5" });
});

test("Any packing a well-known type uses the value form", () => {
  const json = { any: { "@type": "type.googleapis.com/google.protobuf.Duration", value: "2s" } };
  assert.deepEqual(WellKnown.toJSON(WellKnown.fromJSON(json)), json);
});

test("Timestamp accepts offsets and lower-case separators; Duration keeps 3, 6 or 9 digits", () => {
  const a = WellKnown.fromJSON({ timestamp: "2024-01-02t04:04:05.006+01:00", duration: "0.000001s" });
  assert.deepEqual(WellKnown.toJSON(a), { timestamp: "2024-01-02T03:04:05.006Z", duration: "0.000001s" });
});

test("malformed well-known values are JsonErrors that name the type", () => {
  for (const bad of [{ timestamp: "2024-13-01T00:00:00Z" }, { timestamp: 5 }, { duration: "1m" }, { fieldMask: "a_b" }, { int32Value: 1.5 }, { any: { "@type": "type.googleapis.com/no.Such" } }]) {
    assert.throws(() => WellKnown.fromJSON(bad), JsonError, JSON.stringify(bad));
  }
});

test("fields accept proto names, null means unset, defaults are omitted", () => {
  const m = Choice.fromJSON({ before: 0, nested_choice: { number: 4 }, middle: null, maybe: 0 });
  assert.deepEqual(Choice.toJSON(m), { nestedChoice: { number: 4 }, maybe: 0 });
});

test("JSON of the wrong type is a JsonError naming the field", () => {
  assert.throws(() => Choice.fromJSON({ before: "x" }), /oneofs\.Choice\.before/);
  assert.throws(() => Choice.fromJSON([]), /oneofs\.Choice/);
});
