import assert from "node:assert/strict";
import { test } from "node:test";
import { DeadlineQueue, type DeadlineEntry } from "./deadline-queue.js";
import { ManualClock } from "./manual-clock.js";

function entry(at: number, log: number[]): DeadlineEntry {
  return { deadlineAt: at, deadlineIndex: -1, onDeadline: () => log.push(at) };
}

test("deadlines fire in order with a single armed timer", () => {
  const clock = new ManualClock();
  const q = new DeadlineQueue(clock);
  const log: number[] = [];
  for (const at of [50, 10, 30, 20, 40]) q.add(entry(at, log));
  assert.equal(clock.pendingTimers, 1);
  clock.advance(25);
  assert.deepEqual(log, [10, 20]);
  clock.advance(100);
  assert.deepEqual(log, [10, 20, 30, 40, 50]);
  assert.equal(q.size, 0);
  assert.equal(clock.pendingTimers, 0);
});

test("removed entries never fire and an empty queue holds no timer (C11)", () => {
  const clock = new ManualClock();
  const q = new DeadlineQueue(clock);
  const log: number[] = [];
  const entries = Array.from({ length: 10_000 }, (_, i) => entry(100 + (i % 97), log));
  for (const e of entries) q.add(e);
  for (const e of entries) q.remove(e);
  assert.equal(q.size, 0);
  assert.equal(clock.pendingTimers, 0);
  clock.advance(1000);
  assert.deepEqual(log, []);
});

test("random adds and removes keep heap order (property)", () => {
  const clock = new ManualClock();
  const q = new DeadlineQueue(clock);
  const fired: number[] = [];
  const live = new Set<DeadlineEntry>();
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 2000; i++) {
    if (live.size > 0 && rnd() < 0.4) {
      const victim = [...live][Math.floor(rnd() * live.size)] as DeadlineEntry;
      q.remove(victim);
      live.delete(victim);
    } else {
      const e = entry(Math.floor(rnd() * 1000) + 1, fired);
      q.add(e);
      live.add(e);
    }
  }
  clock.advance(2000);
  assert.equal(fired.length, live.size);
  assert.deepEqual(fired, [...fired].sort((a, b) => a - b));
});

test("a deadline beyond Node's timer ceiling is armed in steps, not fired early (C11)", () => {
  const clock = new ManualClock();
  const q = new DeadlineQueue(clock);
  const log: number[] = [];
  const thirtyDays = 30 * 24 * 3600 * 1000;
  q.add(entry(thirtyDays, log));
  clock.advance(1);
  assert.deepEqual(log, []);
  clock.advance(thirtyDays);
  assert.deepEqual(log, [thirtyDays]);
});

test("moving the wall clock does not fire deadlines (C12)", () => {
  const clock = new ManualClock();
  const q = new DeadlineQueue(clock);
  const log: number[] = [];
  q.add(entry(100, log));
  clock.shiftWall(1_000_000);
  clock.advance(50);
  assert.deepEqual(log, []);
});
