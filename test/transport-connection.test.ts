/**
 * Client connection management over real sockets: the server's concurrency
 * limit queues calls client-side (H7, C3), call-id exhaustion moves to a new
 * connection (E9), and GOAWAY before processing is retried once on a new
 * connection without failing the call, also under a refusal storm (F4, K5).
 */
import assert from "node:assert/strict";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { test } from "node:test";
import { channelStats, createChannel } from "../runtime/client/create-channel.js";
import { FLAG_HAS_MESSAGE, FRAME_CALL, FRAME_END, FRAME_HELLO } from "../runtime/framing/constants.js";
import { FrameDecoder } from "../runtime/framing/frame-decoder.js";
import { createServer } from "../runtime/server/server.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { sleep, TesterDefinition, Text, testerImpl } from "./transport-helpers.js";
import { frame, goawayFrame, helloFrame } from "./transport-raw-frames.js";

const m = TesterDefinition.methods;

test("the server's concurrency limit queues calls on the client, and a queued call expires unsent (H7, C3)", async () => {
  let running = 0;
  let peak = 0;
  const server = createServer({ settings: { maxConcurrentCalls: 2 } }).add(TesterDefinition, testerImpl({
    echo: async (req) => {
      peak = Math.max(peak, ++running);
      await sleep(req.n);
      running--;
      return { n: req.n };
    },
  }));
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    await channel.unary(m.echo, { n: 0 });
    const calls = Array.from({ length: 6 }, () => channel.unary(m.echo, { n: 60 }));
    const expiring = channel.unary(m.echo, { n: 60 }, { timeoutMs: 50 });
    await assert.rejects(expiring, (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED && /never sent/.test(e.message));
    assert.deepEqual((await Promise.all(calls)).map((r) => r.n), Array(6).fill(60));
    assert.equal(peak, 2);
    const s = channelStats(channel);
    assert.deepEqual([s.inFlight, s.queued, s.deadlines], [0, 0, 0]);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("running out of call ids moves new calls to a fresh connection without failures (E9)", async () => {
  const server = createServer().add(TesterDefinition, testerImpl({
    echo: async (req) => ({ n: req.n }),
  }));
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`, { firstCallId: 0xffff_fffd });
  try {
    for (let i = 0; i < 8; i++) {
      assert.equal((await channel.unary(m.echo, { n: i })).n, i);
    }
    // 3 ids per connection (fffd, fffe, ffff): 8 calls need 3 connections.
    assert.equal(server.acceptedConnections, 3);
    assert.equal(channelStats(channel).inFlight, 0);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

// ---- a scripted fake server for GOAWAY cases

/** Connection n (0-based) is answered by `script(n, socket, callId)` for each CALL. */
async function fakeServer(script: (n: number, s: Socket, callId: number) => void): Promise<{ net: NetServer; port: number; accepted: () => number }> {
  let n = 0;
  const net = createNetServer((s) => {
    const index = n++;
    s.on("error", () => {});
    const d = new FrameDecoder(
      {
        onFrame: (type, _flags, callId) => {
          if (type === FRAME_HELLO) s.write(helloFrame());
          else if (type === FRAME_CALL) script(index, s, callId);
        },
        onOversizeFrame: () => s.destroy(),
        onFrameError: () => s.destroy(),
      },
      { maxCallFrame: 1 << 20, maxConnectionFrame: 1 << 14 },
    );
    s.on("data", (c: Buffer) => d.push(c));
  });
  const port = await new Promise<number>((resolve) => net.listen(0, "127.0.0.1", () => resolve((net.address() as { port: number }).port)));
  return { net, port, accepted: () => n };
}

function okEnd(callId: number, text: string): Buffer {
  return frame(FRAME_END, FLAG_HAS_MESSAGE, callId, Buffer.concat([Buffer.alloc(8), Text.encode({ text, n: 0, blob: new Uint8Array(0) })]));
}

test("a call refused by GOAWAY before processing is retried once on a new connection (K5, F2)", async () => {
  const fake = await fakeServer((n, s, callId) => {
    if (n === 0) s.end(goawayFrame(0, "restarting"));
    else s.write(okEnd(callId, `from connection ${n}`));
  });
  const channel = createChannel(`127.0.0.1:${fake.port}`);
  try {
    assert.equal((await channel.unary(m.echo, {}, { timeoutMs: 2000 })).text, "from connection 1");
    assert.equal(fake.accepted(), 2);
  } finally {
    await channel.close();
    fake.net.close();
  }
});

test("a GOAWAY refusal storm ends the call UNAVAILABLE quickly with few connections (F4)", async () => {
  const fake = await fakeServer((_n, s) => s.end(goawayFrame(0, "go away")));
  const channel = createChannel(`127.0.0.1:${fake.port}`, { backoff: { initialMs: 100 } });
  try {
    const t0 = performance.now();
    await assert.rejects(channel.unary(m.echo, {}, { timeoutMs: 3000 }), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /GOAWAY: go away/.test(e.message));
    assert.ok(performance.now() - t0 < 1000);
    assert.ok(fake.accepted() <= 3, `${fake.accepted()} connections`);
  } finally {
    await channel.close();
    fake.net.close();
  }
});

test("calls at or below GOAWAY's last id finish normally on the draining connection (F2)", async () => {
  const fake = await fakeServer((n, s, callId) => {
    if (n === 0 && callId === 1) {
      // Accept call 1, refuse anything later, answer call 1 afterwards.
      s.write(goawayFrame(1, "draining"));
      setTimeout(() => s.end(okEnd(1, "finished after goaway")), 50);
    } else if (n > 0) {
      s.write(okEnd(callId, "new connection"));
    }
  });
  const channel = createChannel(`127.0.0.1:${fake.port}`);
  try {
    const first = channel.unary(m.echo, {}, { timeoutMs: 2000 });
    await sleep(20);
    const second = channel.unary(m.echo, {}, { timeoutMs: 2000 });
    assert.equal((await first).text, "finished after goaway");
    assert.equal((await second).text, "new connection");
  } finally {
    await channel.close();
    fake.net.close();
  }
});
