/**
 * Generated encoders take partial messages (`encodesPartial`): for every
 * fixture message, random partial messages encode to exactly the bytes of
 * `encode(create(partial))`. The partial messages start from random valid
 * instances (drawn by @bufbuild/protobuf's reflection, as in the
 * differential tests, and decoded by our code) and lose fields at every
 * depth: a property is kept, left out, set to `undefined`, or (messages,
 * maps, oneofs, lists of messages) made partial in turn. Left-out oneof
 * values, oneof cases, map values and required fields are all reached,
 * because the walk treats every plain object alike.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";
import type { PartialMessage } from "../runtime/codegen.js";
import { loadFixtures, messageArb, runsPerMessage } from "./differential-fixtures.js";

const { registry, pairs } = await loadFixtures();
const runs = runsPerMessage(40);

/** What happens to one property: kept as is, left out, set to undefined, or made partial itself. */
const KEEP = 0;
const OMIT = 1;
const UNDEFINED = 2;
const RECURSE = 3;

const isPlainObject = (v: unknown): v is { [key: string]: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * A copy of `value` with properties dropped as `choices` say, at every
 * depth. Array elements are never dropped (a partial list holds partial
 * elements, not holes), but message elements are made partial.
 */
function dropFields(value: unknown, choices: Iterator<number>): unknown {
  if (Array.isArray(value)) return value.map((v) => dropFields(v, choices));
  if (!isPlainObject(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    const choice = choices.next().value as number;
    if (choice === OMIT) continue;
    const v = choice === KEEP ? value[key] : choice === UNDEFINED ? undefined : dropFields(value[key], choices);
    // defineProperty, not assignment: a map key "__proto__" must stay an entry.
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

test("every generated message type declares that it encodes partial messages", () => {
  assert.ok(pairs.length > 50, `only ${pairs.length} messages paired`);
  for (const { ours } of pairs) assert.equal(ours.encodesPartial, true, ours.typeName);
});

for (const { desc, ours } of pairs) {
  test(`${desc.typeName}: a partial message encodes to the bytes of encode(create(partial))`, () => {
    fc.assert(
      fc.property(messageArb(desc, registry, { json: false, maxDepth: 3 }), fc.infiniteStream(fc.integer({ min: KEEP, max: RECURSE })), (instance, choices) => {
        const full = ours.decode(toBinary(desc, instance.message));
        const partial = dropFields(full, choices[Symbol.iterator]()) as PartialMessage<object>;
        const expected = ours.encode(ours.create(partial));
        assert.deepStrictEqual(ours.encode(partial as object), expected);
      }),
      { numRuns: runs },
    );
  });
}

test("a message with every field left out encodes like a fresh one", () => {
  for (const { ours } of pairs) assert.deepStrictEqual(ours.encode({}), ours.encode(ours.create()), ours.typeName);
});
