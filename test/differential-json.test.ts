/**
 * JSON differential test against @bufbuild/protobuf, for every fixture
 * message, in both directions of the proto3 JSON mapping:
 * - our toJSON of a message (decoded from @bufbuild/protobuf's bytes) must
 *   parse, with @bufbuild/protobuf's fromJson, to the message it started from;
 * - our fromJSON of @bufbuild/protobuf's toJson must encode to that message.
 * Random instances respect what JSON can express (see InstanceOptions.json).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { fromBinary, fromJson, type JsonValue as EsJsonValue, toBinary, toJson } from "@bufbuild/protobuf";
import fc from "fast-check";
import type { JsonValue } from "../runtime/codegen.js";
import { fixturesFor, messageArb, runsPerMessage } from "./differential-fixtures.js";

const { registry, pairs } = await fixturesFor("JSON");
const runs = runsPerMessage(40);

for (const { desc, ours } of pairs) {
  const instances = messageArb(desc, registry, { json: true, maxDepth: 3 });

  test(`${desc.typeName}: our toJSON is read by @bufbuild/protobuf as the same message`, () => {
    fc.assert(
      fc.property(instances, (instance) => {
        const bytes = toBinary(desc, instance.message);
        const expected = fromBinary(desc, bytes);
        const json = ours.toJSON(ours.decode(bytes));
        // Through text, as on the wire: our output must be plain JSON.
        const parsed = JSON.parse(JSON.stringify(json)) as EsJsonValue;
        assert.deepStrictEqual(fromJson(desc, parsed, { registry }), expected, `our JSON: ${JSON.stringify(json)}`);
      }),
      { numRuns: runs },
    );
  });

  test(`${desc.typeName}: our fromJSON reads @bufbuild/protobuf's JSON as the same message`, () => {
    fc.assert(
      fc.property(instances, (instance) => {
        const expected = fromBinary(desc, toBinary(desc, instance.message));
        const json = JSON.parse(JSON.stringify(toJson(desc, instance.message, { registry }))) as JsonValue;
        const back = fromBinary(desc, ours.encode(ours.fromJSON(json)));
        assert.deepStrictEqual(back, expected, `their JSON: ${JSON.stringify(json)}`);
      }),
      { numRuns: runs },
    );
  });
}
