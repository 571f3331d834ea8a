import assert from "node:assert/strict";
import { test } from "node:test";
import { EMPTY_BYTES } from "./empty-bytes.js";

test("the shared empty bytes value cannot be changed", () => {
  assert.equal(EMPTY_BYTES.length, 0);
  assert.ok(Object.isFrozen(EMPTY_BYTES));
  assert.throws(() => {
    "use strict";
    (EMPTY_BYTES as unknown as { extra: number }).extra = 1;
  }, TypeError);
});
