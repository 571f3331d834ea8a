import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { base64Decode, base64Encode } from "./base64.js";
import { JsonError } from "./json-error.js";
import { floatFromJSON, floatToJSON, int32FromJSON, int64FromJSON, uint32FromJSON } from "./json-scalars.js";
import { durationFromJSON, durationToJSON, timestampFromJSON, timestampToJSON } from "./wkt-time.js";

test("base64 round-trips any bytes and matches Buffer's standard alphabet", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
    const text = base64Encode(bytes);
    assert.equal(text, Buffer.from(bytes).toString("base64"));
    assert.deepEqual(base64Decode(text, "t"), bytes);
    assert.deepEqual(base64Decode(Buffer.from(bytes).toString("base64url"), "t"), bytes, "URL-safe, unpadded");
  }));
  assert.throws(() => base64Decode("a", "t"), JsonError);
  assert.throws(() => base64Decode("ab$=", "t"), JsonError);
});

test("integers accept numbers, numeric strings and integral exponents, within range", () => {
  assert.equal(int32FromJSON("-7", "t"), -7);
  assert.equal(int32FromJSON(1e2, "t"), 100);
  assert.equal(uint32FromJSON("4294967295", "t"), 4294967295);
  assert.equal(int64FromJSON("-9223372036854775808", true, "t"), -(2n ** 63n));
  assert.equal(int64FromJSON("18446744073709551615", false, "t"), 2n ** 64n - 1n);
  assert.equal(int64FromJSON("1e3", true, "t"), 1000n);
  for (const bad of [1.5, "1.5", " 1", "", "0x10", true, null]) assert.throws(() => int32FromJSON(bad, "t"), JsonError, String(bad));
  assert.throws(() => uint32FromJSON(-1, "t"), JsonError);
  assert.throws(() => int64FromJSON("9223372036854775808", true, "t"), JsonError);
  assert.throws(() => int64FromJSON("-1", false, "t"), JsonError);
});

test("floats write NaN and infinities as strings and read them back", () => {
  assert.deepEqual([NaN, Infinity, -Infinity, 1.5].map(floatToJSON), ["NaN", "Infinity", "-Infinity", 1.5]);
  assert.ok(Number.isNaN(floatFromJSON("NaN", false, "t")));
  assert.equal(floatFromJSON("-Infinity", false, "t"), -Infinity);
  assert.equal(floatFromJSON("2.5", true, "t"), 2.5);
  assert.throws(() => floatFromJSON(1e39, true, "t"), JsonError, "beyond float range");
});

test("timestamps and durations round-trip at their range limits", () => {
  for (const [s, n] of [[-62135596800n, 0], [253402300799n, 999999999], [0n, 1000], [1n, 0]] as const) {
    assert.deepEqual(timestampFromJSON(timestampToJSON(s, n), "t"), { seconds: s, nanos: n });
  }
  for (const [s, n] of [[-315576000000n, -999999999], [315576000000n, 0], [0n, -1000000], [-1n, 0]] as const) {
    assert.deepEqual(durationFromJSON(durationToJSON(s, n), "t"), { seconds: s, nanos: n });
  }
  assert.equal(durationToJSON(0n, -1000000), "-0.001s");
  assert.throws(() => timestampToJSON(253402300800n, 0), JsonError);
  assert.throws(() => durationToJSON(1n, -1), JsonError, "mixed signs");
});
