/**
 * `createInProcessChannel`: the same semantics without sockets, and the
 * faults users inject to test their retry and timeout handling.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { channelStats } from "../runtime/client/create-channel.js";
import { createInProcessChannel } from "../runtime/in-process/in-process-channel.js";
import { createServer } from "../runtime/server/server.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { collect, MissingDefinition, sleep, TesterDefinition } from "./transport-helpers.js";

const m = TesterDefinition.methods;
const server = createServer().add(TesterDefinition, {
  echo: async (req, ctx) => {
    if (req.text === "slow") await sleep(req.n, ctx.signal);
    if (req.text === "fail") throw new RpcError(Status.FAILED_PRECONDITION, "nope");
    return { text: req.text, n: req.n };
  },
  async *download(req) {
    for (let i = 0; i < req.n; i++) yield { n: i };
  },
  async upload(requests) {
    let n = 0;
    for await (const _ of requests) n++;
    return { n };
  },
  async *chat(requests) {
    for await (const r of requests) yield r;
  },
});

after(() => server.close({ graceMs: 50 }));

test("all four kinds, errors and unknown methods work in process without listen()", async () => {
  const channel = createInProcessChannel(server);
  try {
    assert.equal((await channel.unary(m.echo, { text: "a", n: 1 })).n, 1);
    assert.equal((await collect(channel.serverStream(m.download, { n: 5 }))).length, 5);
    assert.equal((await channel.clientStream(m.upload, [{}, {}, {}])).n, 3);
    assert.deepEqual((await collect(channel.bidi(m.chat, [{ n: 1 }, { n: 2 }]))).map((r) => r.n), [1, 2]);
    await assert.rejects(channel.unary(m.echo, { text: "fail" }), (e: unknown) => e instanceof RpcError && e.code === Status.FAILED_PRECONDITION && e.message === "nope");
    await assert.rejects(channel.unary(MissingDefinition.methods.nope, {}), (e: unknown) => e instanceof RpcError && e.code === Status.UNIMPLEMENTED);
  } finally {
    await channel.close();
  }
});

test("injected latency delays calls and trips deadlines", async () => {
  const channel = createInProcessChannel(server, { faults: { latencyMs: 40 } });
  try {
    const t0 = performance.now();
    await channel.unary(m.echo, {});
    assert.ok(performance.now() - t0 >= 75, "two deliveries of 40 ms");
    await assert.rejects(channel.unary(m.echo, {}, { timeoutMs: 30 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
    channel.faults.latencyMs = 0;
    await channel.unary(m.echo, {}, { timeoutMs: 1000 });
  } finally {
    await channel.close();
  }
});

test("a late response after the client's deadline is dropped and counted (C7)", async () => {
  const channel = createInProcessChannel(server, { faults: { latencyMs: 60 } });
  try {
    await channel.unary(m.echo, {});
    // The request reaches the server at ~60 ms with ~40 ms left; the reply arrives at ~120 ms.
    await assert.rejects(channel.unary(m.echo, {}, { timeoutMs: 100 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
    await sleep(150);
    assert.equal(channelStats(channel).droppedFrames, 1);
    assert.equal(channelStats(channel).inFlight, 0);
  } finally {
    await channel.close();
  }
});

test("failRate fails calls UNAVAILABLE and dropRate makes them time out, by an injectable random", async () => {
  let r = 0;
  const seq = [0.05, 0.5, 0.95];
  const channel = createInProcessChannel(server, { faults: { failRate: 0.1, dropRate: 0.5, random: () => seq[r++ % seq.length] as number } });
  try {
    await assert.rejects(channel.unary(m.echo, {}), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /injected/.test(e.message));
    await assert.rejects(channel.unary(m.echo, {}, { timeoutMs: 50 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
    assert.equal((await channel.unary(m.echo, { n: 7 })).n, 7);
    assert.equal(channel.droppedCalls, 1);
  } finally {
    await channel.close();
  }
});

test("dropConnection fails running calls UNAVAILABLE and the next call reconnects", async () => {
  const channel = createInProcessChannel(server);
  try {
    const running = channel.unary(m.echo, { text: "slow", n: 5000 }).then(
      () => assert.fail("should fail"),
      (e: unknown) => e,
    );
    await sleep(20);
    channel.dropConnection();
    const err = await running;
    assert.ok(err instanceof RpcError && err.code === Status.UNAVAILABLE);
    assert.equal((await channel.unary(m.echo, { n: 3 })).n, 3);
    await sleep(20);
    assert.equal(server.activeCalls, 0, "the server cancelled the orphaned handler");
  } finally {
    await channel.close();
  }
});
