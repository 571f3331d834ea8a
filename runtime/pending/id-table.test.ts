import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { IdTable } from "./id-table.js";

test("an id maps to its entry until deleted", () => {
  const t = new IdTable<string>(4);
  t.set(1, "a");
  t.set(2, "b");
  assert.equal(t.get(1), "a");
  assert.equal(t.size, 2);
  assert.equal(t.delete(1), true);
  assert.equal(t.delete(1), false);
  assert.equal(t.get(1), undefined);
  assert.equal(t.get(2), "b");
  assert.equal(t.size, 1);
});

test("a long call whose slot a newer id wants stays reachable (overflow)", () => {
  const t = new IdTable<number>(8);
  t.set(1, 1);
  // 9 and 17 land in slot 1 too.
  t.set(9, 9);
  t.set(17, 17);
  assert.deepEqual([t.get(1), t.get(9), t.get(17)], [1, 9, 17]);
  assert.equal(t.delete(1), true);
  t.set(25, 25);
  assert.deepEqual([t.get(9), t.get(17), t.get(25)], [9, 17, 25]);
  assert.deepEqual(t.keys(), [9, 17, 25]);
});

test("set replaces the entry of an id already held, in its slot or in the overflow", () => {
  const t = new IdTable<string>(8);
  t.set(1, "a");
  t.set(9, "b");
  t.set(1, "c");
  t.set(9, "d");
  assert.deepEqual(t.values(), ["c", "d"]);
  assert.equal(t.size, 2);
});

test("ids up to 2^32 - 1 work", () => {
  const t = new IdTable<string>(4);
  t.set(0xffff_ffff, "max");
  t.set(0x8000_0000, "high");
  assert.equal(t.get(0xffff_ffff), "max");
  assert.equal(t.get(0x8000_0000), "high");
  assert.deepEqual(t.keys(), [0x8000_0000, 0xffff_ffff]);
});

test("values come by ascending id and clear empties the table", () => {
  const t = new IdTable<number>(4);
  for (const id of [5, 3, 40, 1, 12]) t.set(id, id * 10);
  assert.deepEqual(t.values(), [10, 30, 50, 120, 400]);
  t.clear();
  assert.equal(t.size, 0);
  assert.equal(t.get(5), undefined);
});

test("behaves like a Map under any sequence of set, delete and get", () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant("set" as const), id: fc.integer({ min: 1, max: 300 }) }),
    fc.record({ kind: fc.constant("delete" as const), id: fc.integer({ min: 1, max: 300 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const t = new IdTable<number>(2);
      const m = new Map<number, number>();
      ops.forEach((o, step) => {
        if (o.kind === "set") {
          t.set(o.id, step);
          m.set(o.id, step);
        } else {
          assert.equal(t.delete(o.id), m.delete(o.id));
        }
        assert.equal(t.size, m.size);
      });
      for (let id = 1; id <= 300; id++) assert.equal(t.get(id), m.get(id));
      assert.deepEqual(t.keys(), [...m.keys()].sort((a, b) => a - b));
    }),
  );
});

test("forEach visits every entry once, slots and overflow alike", () => {
  const t = new IdTable<number>(8);
  for (const id of [1, 9, 2, 17, 3]) t.set(id, id);
  const seen: number[] = [];
  t.forEach((e) => seen.push(e));
  assert.deepEqual(seen.sort((a, b) => a - b), [1, 2, 3, 9, 17]);
});

test("long calls that collide often with newer ids make the table grow, within bounds", () => {
  const t = new IdTable<number>(64);
  const internals = t as unknown as { mask: number; overflow: Map<number, number> | undefined };
  // 24 long calls (open streams), then short calls, 4 in flight.
  for (let id = 1; id <= 24; id++) t.set(id, id);
  let viaOverflow = 0;
  for (let id = 25; id < 20_000; id++) {
    t.set(id, id);
    if (internals.overflow?.has(id) === true && id > 10_000) viaOverflow++;
    if (id >= 29) assert.equal(t.delete(id - 4), true);
  }
  for (let id = 1; id <= 24; id++) assert.equal(t.get(id), id);
  assert.equal(t.size, 24 + 4);
  // At 64 slots 24 of every 64 new ids collided; grown, few do.
  assert.ok(viaOverflow < 10_000 * 0.1, `${viaOverflow} of 10000 calls went through the overflow`);
  // Grows only while smaller than 16x the calls held.
  assert.ok(internals.mask + 1 <= 2 * 16 * 28, `capacity ${internals.mask + 1}`);
});
