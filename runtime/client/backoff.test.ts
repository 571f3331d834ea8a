import assert from "node:assert/strict";
import { test } from "node:test";
import { Backoff } from "./backoff.js";

test("delays grow x1.6 from 1 s to a 120 s cap with ±20% jitter (E7 defaults)", () => {
  const mid = new Backoff({}, () => 0.5);
  const delays = Array.from({ length: 14 }, () => Math.round(mid.next()));
  assert.deepEqual(delays.slice(0, 4), [1000, 1600, 2560, 4096]);
  assert.equal(delays[13], 120_000);
  const low = new Backoff({}, () => 0);
  const high = new Backoff({}, () => 1);
  assert.equal(Math.round(low.next()), 800);
  assert.equal(Math.round(high.next()), 1200);
});

test("reset starts again from the initial delay", () => {
  const b = new Backoff({ initialMs: 100, multiplier: 2, jitter: 0 });
  b.next();
  b.next();
  assert.equal(b.next(), 400);
  b.reset();
  assert.equal(b.next(), 100);
});
