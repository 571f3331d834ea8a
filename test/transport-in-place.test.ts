/**
 * Requests and replies of generated types are encoded straight into their
 * CALL and END frames (runtime/framing/message-tail.ts). These tests drive
 * the edges of that: messages that do not fit the room left in a frame
 * slab, frames withdrawn after encoding (over a limit, unencodable) while
 * the connection goes on, and a request replayed after GOAWAY carrying the
 * bytes it was first sent with even though the caller changed the object.
 */
import assert from "node:assert/strict";
import { createServer as createNetServer, type Socket } from "node:net";
import { test } from "node:test";
import { BenchDefinition, EchoReply, EchoRequest, type Payload } from "../fixtures/gen/bench/v1/bench.js";
import { createChannel } from "../runtime/client/create-channel.js";
import { FLAG_HAS_MESSAGE, FRAME_CALL, FRAME_END, FRAME_HELLO } from "../runtime/framing/constants.js";
import { FrameDecoder } from "../runtime/framing/frame-decoder.js";
import { CallHead, parseCallHead } from "../runtime/framing/frame-parsers.js";
import type { PartialMessage } from "../runtime/message-type.js";
import { createServer, type ServerOptions } from "../runtime/server/server.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { frame, goawayFrame, helloFrame } from "./transport-raw-frames.js";

const echo = BenchDefinition.methods.echo;

/** An echo server whose handler can be swapped per test. */
async function echoServer(options: ServerOptions = {}, handler = (req: EchoRequest): PartialMessage<EchoReply> => ({ payload: req.payload })) {
  const server = createServer(options).add(BenchDefinition, {
    echo: handler,
    *download() {},
    async upload() {
      return {};
    },
    async *chat() {},
  });
  const port = await server.listen({ port: 0 });
  return { server, port };
}

function payloadOf(size: number, seed: number): PartialMessage<Payload> {
  return { id: seed, name: `p${seed}`, blob: new Uint8Array(size).fill(seed & 0xff), values: [BigInt(seed) * 1_000_000_007n] };
}

test("requests and replies of every size round-trip when started in one turn (slab edges, moved messages)", async () => {
  const { server, port } = await echoServer();
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    await channel.unary(echo, {}); // connected and ready: the calls below all start at once
    // Sizes around the frame slab (64 KiB), the copy limit (16 KiB) and beyond both, mixed so that
    // some messages meet a slab with too little room left and move out of it.
    const sizes = [10, 3000, 15_000, 17_000, 40_000, 63_000, 70_000, 200_000, 100, 5, 33_000, 64_000, 16_384, 16_383];
    const requests = sizes.map((size, i) => EchoRequest.create({ payload: payloadOf(size, i + 1) }));
    const replies = await Promise.all(requests.map((r) => channel.unary(echo, r)));
    replies.forEach((reply, i) => {
      assert.ok(EchoReply.equals(reply, requests[i] as EchoReply), `size ${sizes[i]}: the reply differs from the request`);
    });
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("a first request over the server's limit fails RESOURCE_EXHAUSTED and the method still works after it", async () => {
  const { server, port } = await echoServer({ settings: { maxMessageSize: 1024 } });
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    // Ready, with Echo's path not yet interned: the next call's frame spells it out.
    await channel.clientStream(BenchDefinition.methods.upload, [{}]);
    await assert.rejects(
      channel.unary(echo, { payload: payloadOf(5000, 1) }),
      (e: unknown) => e instanceof RpcError && e.code === Status.RESOURCE_EXHAUSTED && /request of \d+ bytes exceeds the server's limit of 1024/.test(e.message),
    );
    // The withdrawn frame carried the path's first spelling; this one must spell it out again.
    const reply = await channel.unary(echo, { payload: payloadOf(10, 2) });
    assert.equal(reply.payload?.id, 2);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("a first request that cannot be encoded fails INTERNAL and the method still works after it", async () => {
  const { server, port } = await echoServer();
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    await channel.clientStream(BenchDefinition.methods.upload, [{}]);
    await assert.rejects(
      channel.unary(echo, { payload: { name: "x", values: [1n << 70n] } }),
      (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL && /cannot encode bench\.v1\.EchoRequest/.test(e.message),
    );
    const reply = await channel.unary(echo, { payload: payloadOf(10, 3) });
    assert.equal(reply.payload?.id, 3);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("replies over the client's limit or that cannot be encoded end their call; the connection goes on", async () => {
  const { server, port } = await echoServer({}, (req) => {
    const id = req.payload?.id ?? 0;
    if (id === 1) return { payload: payloadOf(5000, 1) };
    if (id === 2) return { payload: { values: [-(1n << 70n)] } };
    return { payload: req.payload };
  });
  const channel = createChannel(`127.0.0.1:${port}`, { settings: { maxMessageSize: 1024 } });
  try {
    const [big, bad, fine] = await Promise.allSettled([
      channel.unary(echo, { payload: { id: 1 } }),
      channel.unary(echo, { payload: { id: 2 } }),
      channel.unary(echo, { payload: { id: 3, name: "fine" } }),
    ]);
    assert.ok(big.status === "rejected" && big.reason instanceof RpcError && big.reason.code === Status.RESOURCE_EXHAUSTED, String(big.status));
    assert.match((big as PromiseRejectedResult).reason.message, /response of \d+ bytes exceeds the client's limit of 1024/);
    assert.ok(bad.status === "rejected" && bad.reason instanceof RpcError && bad.reason.code === Status.INTERNAL, String(bad.status));
    assert.match((bad as PromiseRejectedResult).reason.message, /cannot encode bench\.v1\.EchoReply/);
    assert.ok(fine.status === "fulfilled" && fine.value.payload?.name === "fine");
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("a request replayed after GOAWAY carries the bytes it was first sent with, not the changed object (F2)", async () => {
  // Every connection echoes the request bytes as the reply, except that
  // connection 0 answers a request with id 7 by GOAWAY (last id: the calls
  // before it) and closes, so the client sends it again on connection 1.
  let accepted = 0;
  const net = createNetServer((s: Socket) => {
    const index = accepted++;
    s.on("error", () => {});
    const head = new CallHead();
    const decoder = new FrameDecoder(
      {
        onFrame: (type, flags, callId, buf, start, end) => {
          if (type === FRAME_HELLO) s.write(helloFrame());
          if (type !== FRAME_CALL) return;
          assert.equal(parseCallHead(buf, start, end, flags, head), undefined);
          if (index === 0 && EchoRequest.decode(buf.subarray(head.msgStart, head.msgEnd)).payload?.id === 7) {
            s.end(goawayFrame(callId - 1, "restarting"));
            return;
          }
          s.write(frame(FRAME_END, FLAG_HAS_MESSAGE, callId, Buffer.concat([Buffer.alloc(8), buf.subarray(head.msgStart, head.msgEnd)])));
        },
        onOversizeFrame: () => s.destroy(),
        onFrameError: () => s.destroy(),
      },
      { maxCallFrame: 1 << 20, maxConnectionFrame: 1 << 14 },
    );
    s.on("data", (c: Buffer) => decoder.push(c));
  });
  const port = await new Promise<number>((resolve) => net.listen(0, "127.0.0.1", () => resolve((net.address() as { port: number }).port)));
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    await channel.unary(echo, {}); // connection 0 is ready: the next call is encoded into its frame
    const request: PartialMessage<EchoRequest> = { payload: { name: "original", id: 7 } };
    const pending = channel.unary(echo, request, { timeoutMs: 2000 });
    // The caller reuses its object at once, as a loop building requests would.
    (request.payload as Payload).name = "changed";
    const reply = await pending;
    assert.equal(reply.payload?.name, "original");
    assert.equal(accepted, 2);
  } finally {
    await channel.close();
    net.close();
  }
});

test("stream messages are encoded into their frames too: sizes, a bad one midway, one over the limit", async () => {
  const sizes = [5, 20_000, 70_000, 100, 63_000, 3];
  const server = createServer({ settings: { maxMessageSize: 64 * 1024 } }).add(BenchDefinition, {
    echo: (req) => ({ payload: req.payload }),
    *download(req) {
      const mode = req.payload?.name;
      for (let i = 0; i < sizes.length; i++) {
        if (mode === "bad" && i === 2) yield { payload: { values: [1n << 70n] } };
        else yield { payload: payloadOf(mode === "sizes" ? (sizes[i] as number) : 10, i) };
      }
    },
    async upload(requests) {
      let bytes = 0;
      for await (const r of requests) bytes += r.payload?.blob.length ?? 0;
      return { payload: { id: bytes } };
    },
    async *chat() {},
  });
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`, { settings: { maxMessageSize: 128 * 1024 } });
  try {
    const got: number[] = [];
    for await (const m of channel.serverStream(BenchDefinition.methods.download, { payload: { name: "sizes" } })) got.push(m.payload?.blob.length ?? -1);
    assert.deepEqual(got, sizes);

    let before = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of channel.serverStream(BenchDefinition.methods.download, { payload: { name: "bad" } })) before++;
      })(),
      (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL && /cannot encode bench\.v1\.EchoReply/.test(e.message),
    );
    assert.equal(before, 2);

    const total = await channel.clientStream(BenchDefinition.methods.upload, [{ payload: payloadOf(1000, 1) }, { payload: payloadOf(60_000, 2) }]);
    assert.equal(total.payload?.id, 61_000);
    await assert.rejects(
      channel.clientStream(BenchDefinition.methods.upload, [{ payload: payloadOf(10, 1) }, { payload: { values: [1n << 70n] } }]),
      (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL && /cannot encode bench\.v1\.EchoRequest/.test(e.message),
    );
    await assert.rejects(
      channel.clientStream(BenchDefinition.methods.upload, [{ payload: payloadOf(10, 1) }, { payload: payloadOf(70_000, 2) }]),
      (e: unknown) => e instanceof RpcError && e.code === Status.RESOURCE_EXHAUSTED && /request of \d+ bytes exceeds the server's limit of 65536/.test(e.message),
    );
    // The connection carried all of that and still serves.
    assert.equal((await channel.unary(echo, { payload: { id: 9 } })).payload?.id, 9);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("a call made by a getter while its request is being encoded waits a tick instead of landing inside it", async () => {
  const { server, port } = await echoServer();
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    await channel.unary(echo, {});
    let inner: Promise<EchoReply> | undefined;
    const payload = { id: 1, name: "outer" };
    const request = {
      get payload() {
        inner ??= channel.unary(echo, { payload: { id: 2, name: "inner" } }, { timeoutMs: 5000 });
        return payload;
      },
    };
    const outer = await channel.unary(echo, request, { timeoutMs: 5000 });
    assert.equal(outer.payload?.name, "outer");
    assert.ok(inner !== undefined);
    assert.equal((await inner).payload?.name, "inner");
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});
