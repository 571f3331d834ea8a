import assert from "node:assert/strict";
import { test } from "node:test";
import { ManualClock } from "../deadline/manual-clock.js";
import { Keepalive, type KeepaliveHost } from "./keepalive.js";

function host(calls = true): KeepaliveHost & { pings: number[]; dead: number[]; clock: ManualClock } {
  const clock = new ManualClock();
  const h = {
    clock,
    pings: [] as number[],
    dead: [] as number[],
    sendPing: () => h.pings.push(clock.now()),
    hasCalls: () => calls,
    onKeepaliveTimeout: (silent: number) => h.dead.push(silent),
  };
  return h;
}

test("pings every `time` after the last read, never time + timeout (G4)", () => {
  const h = host();
  const ka = new Keepalive(h.clock, { timeMs: 1000, timeoutMs: 300 }, h);
  ka.start();
  h.clock.advance(999);
  assert.deepEqual(h.pings, []);
  h.clock.advance(1);
  assert.deepEqual(h.pings, [1000]);
  h.clock.advance(100);
  ka.onRead(); // the pong, at 1100
  h.clock.advance(1000); // next ping due 1000 after that read
  assert.deepEqual(h.pings, [1000, 2100]);
  assert.deepEqual(h.dead, []);
  ka.stop();
});

test("reads push the next ping back", () => {
  const h = host();
  const ka = new Keepalive(h.clock, { timeMs: 100, timeoutMs: 50 }, h);
  ka.start();
  for (let i = 0; i < 20; i++) {
    h.clock.advance(60);
    ka.onRead();
  }
  assert.deepEqual(h.pings, []);
  ka.stop();
});

test("silence after a ping declares the peer dead within time + timeout (G1)", () => {
  const h = host();
  const ka = new Keepalive(h.clock, { timeMs: 1000, timeoutMs: 300 }, h);
  ka.start();
  h.clock.advance(1299);
  assert.deepEqual(h.dead, []);
  h.clock.advance(1);
  assert.deepEqual(h.dead, [1300]);
  assert.equal(h.clock.pendingTimers, 0);
});

test("no pings without calls unless withoutCalls (G2, G3)", () => {
  const idle = host(false);
  const a = new Keepalive(idle.clock, { timeMs: 100, timeoutMs: 50 }, idle);
  a.start();
  idle.clock.advance(1000);
  assert.deepEqual(idle.pings, []);
  assert.deepEqual(idle.dead, []);
  a.stop();

  const eager = host(false);
  const b = new Keepalive(eager.clock, { timeMs: 100, timeoutMs: 50, withoutCalls: true }, eager);
  b.start();
  eager.clock.advance(150);
  assert.deepEqual(eager.pings, [100]);
  assert.deepEqual(eager.dead, [150]);
});
