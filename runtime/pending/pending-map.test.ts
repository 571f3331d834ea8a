import assert from "node:assert/strict";
import { test } from "node:test";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { PendingMap } from "./pending-map.js";

class Entry {
  failures: RpcError[] = [];
  fail(err: RpcError): void {
    this.failures.push(err);
  }
}

test("take removes the entry: a second take (a late frame) finds nothing (C7)", () => {
  const map = new PendingMap<Entry>();
  const e = new Entry();
  map.add(1, e);
  assert.equal(map.take(1), e);
  assert.equal(map.take(1), undefined);
  assert.equal(map.size, 0);
});

test("rejectAll fails each entry exactly once and empties the map (E1)", () => {
  const map = new PendingMap<Entry>();
  const entries = [new Entry(), new Entry(), new Entry()];
  entries.forEach((e, i) => map.add(i + 1, e));
  const err = new RpcError(Status.UNAVAILABLE, "lost");
  map.rejectAll(err);
  map.rejectAll(err);
  assert.equal(map.size, 0);
  for (const e of entries) assert.deepEqual(e.failures, [err]);
});

test("delete only removes the entry registered under the id", () => {
  const map = new PendingMap<Entry>();
  const a = new Entry();
  map.add(1, a);
  assert.equal(map.delete(1, new Entry()), false);
  assert.equal(map.delete(1, a), true);
});

test("takeAbove returns the calls a GOAWAY sender never saw", () => {
  const map = new PendingMap<Entry>();
  for (let i = 1; i <= 5; i++) map.add(i, new Entry());
  assert.equal(map.takeAbove(3).length, 2);
  assert.equal(map.size, 3);
});
