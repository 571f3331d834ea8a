/**
 * Binary differential test against @bufbuild/protobuf: random instances of
 * every fixture message, encoded by @bufbuild/protobuf, are decoded by our
 * generated code and encoded again by it; @bufbuild/protobuf must decode our
 * bytes to the very message it started from. So our decoder (a dropped or
 * misread field changes what we write back) and our encoder are both
 * checked against the reference, one in each direction of the wire.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";
import { fixturesFor, messageArb, runsPerMessage } from "./differential-fixtures.js";

const { registry, pairs } = await fixturesFor("binary");
const runs = runsPerMessage(60);

for (const { desc, ours } of pairs) {
  test(`${desc.typeName}: what @bufbuild/protobuf encodes, we decode and encode back to the same message`, () => {
    fc.assert(
      fc.property(messageArb(desc, registry, { json: false, maxDepth: 3 }), (instance) => {
        const theirs = toBinary(desc, instance.message);
        const expected = fromBinary(desc, theirs);
        const decoded = ours.decode(theirs);
        const back = ours.encode(decoded);
        assert.deepStrictEqual(fromBinary(desc, back), expected);
        assert.ok(ours.equals(decoded, ours.decode(back)), "equals() rejects the decode of our own encoding");
      }),
      { numRuns: runs },
    );
  });
}
