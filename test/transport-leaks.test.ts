/**
 * No leaks (RELIABILITY L1, L5, C11): 100,000 calls mixing success, deadline
 * and cancellation leave the pending maps, deadline queues, timers and heap
 * where they started. Bounded: fixed count, 64 in flight, 60 s cap.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { channelStats, createChannel } from "../runtime/client/create-channel.js";
import { createServer } from "../runtime/server/server.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { forceGc } from "./transport-gc.js";
import { sleep, TesterDefinition, within, testerImpl } from "./transport-helpers.js";

const m = TesterDefinition.methods;

test("100,000 mixed calls (ok, deadline, cancel): maps empty, heap and handles back near the start (L1, L5)", async () => {
  const server = createServer().add(TesterDefinition, testerImpl({
    echo: async (req, ctx) => {
      if (req.text === "slow") await sleep(20, ctx.signal);
      return { text: req.text, n: req.n };
    },
  }));
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  const total = 100_000;
  const inFlight = 64;
  const counts = { ok: 0, deadline: 0, cancelled: 0 };
  try {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => channel.unary(m.echo, { n: i })));
    await sleep(50);
    await forceGc();
    const heapStart = process.memoryUsage().heapUsed;
    const resourcesStart = process.getActiveResourcesInfo().length;

    let next = 0;
    async function worker(): Promise<void> {
      while (next < total) {
        const i = next++;
        const kind = i % 10;
        try {
          if (kind === 0) {
            await channel.unary(m.echo, { text: "slow", n: i }, { timeoutMs: 1 });
          } else if (kind === 1) {
            const ac = new AbortController();
            const p = channel.unary(m.echo, { text: "slow", n: i }, { signal: ac.signal });
            if (i % 20 === 1) queueMicrotask(() => ac.abort());
            else setImmediate(() => ac.abort());
            await p;
          } else {
            const r = await channel.unary(m.echo, { n: i }, { timeoutMs: 10_000 });
            assert.equal(r.n, i);
          }
          counts.ok++;
        } catch (e) {
          assert.ok(e instanceof RpcError, String(e));
          if (e.code === Status.DEADLINE_EXCEEDED) counts.deadline++;
          else if (e.code === Status.CANCELLED) counts.cancelled++;
          else throw e;
        }
      }
    }
    const t0 = performance.now();
    await within(60_000, Promise.all(Array.from({ length: inFlight }, worker)), "100k calls");
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(counts.ok + counts.deadline + counts.cancelled, total);
    assert.ok(counts.ok >= total * 0.8);
    assert.ok(counts.deadline + counts.cancelled >= total * 0.15, JSON.stringify(counts));

    // Let handlers of cancelled calls notice and the last frames settle.
    await within(5000, (async () => { while (server.activeCalls > 0) await sleep(10); })(), "server calls drain");
    const stats = channelStats(channel);
    assert.equal(stats.inFlight, 0, "client pending map empty");
    assert.equal(stats.queued, 0);
    assert.equal(stats.deadlines, 0, "client deadline queue empty");
    assert.equal(server.pendingDeadlines, 0, "server deadline queue empty");

    await sleep(50);
    await forceGc();
    const heapGrowth = process.memoryUsage().heapUsed - heapStart;
    const resourcesEnd = process.getActiveResourcesInfo().length;
    assert.ok(heapGrowth < 8 * 1024 * 1024, `heap grew by ${(heapGrowth / 1048576).toFixed(1)} MiB`);
    assert.ok(resourcesEnd <= resourcesStart + 2, `active resources ${resourcesStart} -> ${resourcesEnd}`);
    console.log(`# 100k mixed calls in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}, heap +${(heapGrowth / 1024).toFixed(0)} KiB, dropped late frames ${stats.droppedFrames}`);
  } finally {
    await channel.close();
    await server.close({ graceMs: 100 });
  }
});
