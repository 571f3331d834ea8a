/**
 * Connection and server lifecycle over real sockets: graceful close with
 * calls in flight (F6), a server killed with SIGKILL (E1), keepalive against
 * a SIGSTOPped server (G1, E3), nothing listening (E2).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer as createNetServer } from "node:net";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { channelStats, createChannel } from "../runtime/client/create-channel.js";
import { createServer } from "../runtime/server/server.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { sleep, TesterDefinition, within, testerImpl } from "./transport-helpers.js";

const m = TesterDefinition.methods;

async function startChild(settings: Record<string, number> = {}): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL("./transport-child-server.js", import.meta.url));
  const child = spawn(process.execPath, [script, JSON.stringify(settings)], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await within(
    10_000,
    new Promise<number>((resolve, reject) => {
      child.stdout?.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
      child.once("exit", (code) => reject(new Error(`child exited ${code}`)));
    }),
    "child server start",
  );
  return { child, port };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

test("graceful close: in-flight calls finish, new calls are refused, close resolves (F6)", async () => {
  const server = createServer().add(TesterDefinition, testerImpl({
    echo: async (req) => {
      await sleep(req.n);
      return { n: req.n };
    },
  }));
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    await channel.unary(m.echo, { n: 0 });
    const inFlight = Array.from({ length: 10 }, () => channel.unary(m.echo, { n: 200 }));
    // Wait until the server runs them: calls it never saw would be retried, not drained.
    await within(2000, (async () => { while (server.activeCalls < 10) await sleep(2); })(), "calls reach the server");
    const closing = server.close({ graceMs: 3000 });
    await sleep(20);
    // The listener is closed: a call now gets no server (UNAVAILABLE).
    await assert.rejects(channel.unary(m.echo, { n: 1 }), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
    const replies = await Promise.all(inFlight);
    assert.deepEqual(replies.map((r) => r.n), Array(10).fill(200));
    await within(2000, closing, "server close");
    assert.equal(server.connectionCount, 0);
    assert.equal(server.activeCalls, 0);
    await server.close();
  } finally {
    await channel.close();
  }
});

test("graceful close: calls still running when the grace period ends get UNAVAILABLE (F6)", async () => {
  const server = createServer().add(TesterDefinition, testerImpl({
    echo: async (req, ctx) => {
      await sleep(req.n, ctx.signal);
      return { n: req.n };
    },
  }));
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    const slow = channel.unary(m.echo, { n: 5000 }).then(
      () => assert.fail("should not succeed"),
      (e: unknown) => e,
    );
    await within(2000, (async () => { while (server.activeCalls < 1) await sleep(2); })(), "call reaches the server");
    const t0 = performance.now();
    await server.close({ graceMs: 100 });
    const err = await slow;
    assert.ok(err instanceof RpcError && err.code === Status.UNAVAILABLE && /grace/.test(err.message), String(err));
    assert.ok(performance.now() - t0 < 2000);
  } finally {
    await channel.close();
  }
});

test("server killed with SIGKILL: in-flight calls fail UNAVAILABLE promptly, naming the phases (E1)", async () => {
  const { child, port } = await startChild();
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    await channel.unary(m.echo, { text: "warm" });
    const calls = Array.from({ length: 20 }, () => channel.unary(m.echo, { text: "slow", n: 20_000 }, { timeoutMs: 30_000 }).then(
      () => assert.fail("should not succeed"),
      (e: unknown) => e,
    ));
    await sleep(50);
    const t0 = performance.now();
    child.kill("SIGKILL");
    const errors = await within(3000, Promise.all(calls), "calls fail after SIGKILL");
    const elapsed = performance.now() - t0;
    assert.ok(elapsed < 1000, `failed after ${elapsed} ms`);
    for (const e of errors) {
      assert.ok(e instanceof RpcError);
      assert.equal(e.code, Status.UNAVAILABLE);
      assert.match(e.message, /connection to 127\.0\.0\.1:\d+ lost/);
      assert.match(e.message, /on the wire and in the server/);
    }
    assert.equal(channelStats(channel).inFlight, 0);
    assert.equal(channelStats(channel).deadlines, 0);
  } finally {
    child.kill("SIGKILL");
    await killed(child);
    await channel.close();
  }
});

test("keepalive declares a SIGSTOPped server dead and fails its calls UNAVAILABLE (G1, E3)", async () => {
  const { child, port } = await startChild({ pingMinIntervalMs: 100 });
  const channel = createChannel(`127.0.0.1:${port}`, { keepalive: { timeMs: 200, timeoutMs: 300 } });
  try {
    await channel.unary(m.echo, { text: "warm" });
    const call = channel.unary(m.echo, { text: "slow", n: 20_000 }, { timeoutMs: 10_000 }).then(
      () => assert.fail("should not succeed"),
      (e: unknown) => e,
    );
    await sleep(20);
    const t0 = performance.now();
    child.kill("SIGSTOP");
    const err = await within(5000, call, "keepalive failure");
    const elapsed = performance.now() - t0;
    assert.ok(err instanceof RpcError);
    assert.equal(err.code, Status.UNAVAILABLE);
    assert.match(err.message, /keepalive/);
    // time + timeout = 500 ms, plus timer slack.
    assert.ok(elapsed >= 300 && elapsed < 2000, `declared dead after ${elapsed} ms`);
  } finally {
    child.kill("SIGCONT");
    child.kill("SIGKILL");
    await killed(child);
    await channel.close();
  }
});

test("keepalive leaves a healthy idle-but-busy connection alone (G1 negative)", async () => {
  const { child, port } = await startChild({ pingMinIntervalMs: 50 });
  const channel = createChannel(`127.0.0.1:${port}`, { keepalive: { timeMs: 50, timeoutMs: 100 } });
  try {
    const reply = await channel.unary(m.echo, { text: "slow", n: 600 }, { timeoutMs: 5000 });
    assert.equal(reply.n, 600);
  } finally {
    child.kill("SIGKILL");
    await killed(child);
    await channel.close();
  }
});

test("nothing listening: two calls in a row fail UNAVAILABLE promptly (E2)", async () => {
  const probe = createNetServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as { port: number }).port)));
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const channel = createChannel(`127.0.0.1:${port}`, { backoff: { initialMs: 50, maxMs: 100 } });
  try {
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      await assert.rejects(channel.unary(m.echo, {}, { timeoutMs: 10_000 }), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /ECONNREFUSED|cannot connect/.test(e.message));
      assert.ok(performance.now() - t0 < 1000);
    }
    await sleep(150);
    await assert.rejects(channel.unary(m.echo, {}), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE);
  } finally {
    await channel.close();
  }
});

test("a server that accepts and never answers HELLO: the call ends at its deadline (C2, E6)", async () => {
  const silent = createNetServer(() => {});
  const port = await new Promise<number>((resolve) => silent.listen(0, "127.0.0.1", () => resolve((silent.address() as { port: number }).port)));
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    const t0 = performance.now();
    await assert.rejects(channel.unary(m.echo, {}, { timeoutMs: 200 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED && /never sent/.test(e.message));
    const elapsed = performance.now() - t0;
    assert.ok(elapsed >= 195 && elapsed < 800, `${elapsed} ms`);
  } finally {
    await channel.close();
    silent.close();
  }
});

test("the connection comes back after the server restarts on the same port (E1)", async () => {
  const make = () =>
    createServer().add(TesterDefinition, testerImpl({
      echo: async (req) => ({ text: req.text }),
    }));
  const first = make();
  const port = await first.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`, { backoff: { initialMs: 20, maxMs: 50 } });
  try {
    assert.equal((await channel.unary(m.echo, { text: "a" })).text, "a");
    await first.close({ graceMs: 50 });
    const second = make();
    await second.listen({ port });
    try {
      let reply: string | undefined;
      for (let i = 0; i < 50 && reply === undefined; i++) {
        reply = await channel.unary(m.echo, { text: "b" }).then((r) => r.text, () => undefined);
        if (reply === undefined) await sleep(20);
      }
      assert.equal(reply, "b");
    } finally {
      await second.close({ graceMs: 50 });
    }
  } finally {
    await channel.close();
  }
});
