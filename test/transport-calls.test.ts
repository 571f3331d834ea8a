/**
 * End-to-end calls over real loopback sockets: every method kind, metadata
 * both ways, status and errors, size limits. RELIABILITY ids in test names.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Channel } from "../runtime/client/channel.js";
import { channelStats, createChannel } from "../runtime/client/create-channel.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { createServer, type Server } from "../runtime/server/server.js";
import type { ServiceImpl } from "../runtime/server/service-impl.js";
import { collect, MissingDefinition, TesterDefinition, type Text } from "./transport-helpers.js";

const impl: ServiceImpl<typeof TesterDefinition> = {
  echo(req, ctx) {
    switch (req.text) {
      case "throw-plain":
        throw new Error("database password is hunter2");
      case "throw-rpc":
        throw new RpcError(Status.NOT_FOUND, "no user 42", { metadata: { "why-bin": new Uint8Array([1, 2]) } });
      case "code-57":
        throw new RpcError(57 as Status, "custom code");
      case "headers":
        ctx.setHeader("h1", "v1");
        ctx.setTrailer("t1", "v2");
        return { text: "with headers" };
      case "metadata": {
        const bin = ctx.metadata["data-bin"];
        return { text: String(ctx.metadata["user"]), blob: bin instanceof Uint8Array ? bin : new Uint8Array(0) };
      }
      case "big":
        return { blob: new Uint8Array(req.n) };
      case "async":
        return Promise.resolve({ text: "later", n: req.n });
      case "reject":
        return Promise.reject(new RpcError(Status.ABORTED, "rejected"));
      default:
        return { text: req.text, n: req.n + 1, blob: req.blob };
    }
  },
  async *download(req) {
    for (let i = 0; i < req.n; i++) yield { text: req.text, n: i };
    if (req.text === "fail-after") throw new RpcError(Status.DATA_LOSS, "broke after messages");
  },
  async upload(requests) {
    let count = 0;
    let text = "";
    for await (const r of requests) {
      count++;
      text += r.text;
    }
    return { text, n: count };
  },
  async *chat(requests) {
    for await (const r of requests) yield { text: r.text.toUpperCase(), n: r.n * 2 };
  },
};

let server: Server;
let channel: Channel;
let port: number;

before(async () => {
  server = createServer({ settings: { maxMessageSize: 64 * 1024 } }).add(TesterDefinition, impl);
  port = await server.listen({ host: "127.0.0.1", port: 0 });
  channel = createChannel(`127.0.0.1:${port}`, { settings: { maxMessageSize: 32 * 1024 } });
});

after(async () => {
  await channel.close();
  await server.close({ graceMs: 100 });
  assert.equal(server.activeCalls, 0);
});

const m = TesterDefinition.methods;

test("unary call round-trips (and the port is the bound one)", async () => {
  assert.ok(port > 0);
  const reply = await channel.unary(m.echo, { text: "hi", n: 41, blob: new Uint8Array([9]) });
  assert.deepEqual(reply, { text: "hi", n: 42, blob: new Uint8Array([9]) });
});

test("an empty request and reply round-trip (A1)", async () => {
  const reply = await channel.unary(m.echo, {});
  assert.deepEqual(reply, { text: "", n: 1, blob: new Uint8Array(0) });
});

test("many concurrent unary calls on one connection all complete", async () => {
  const replies = await Promise.all(Array.from({ length: 500 }, (_, i) => channel.unary(m.echo, { text: `c${i}`, n: i })));
  replies.forEach((r, i) => assert.equal(r.n, i + 1));
  assert.equal(channelStats(channel).inFlight, 0);
});

test("async handlers and rejected promises", async () => {
  assert.equal((await channel.unary(m.echo, { text: "async", n: 5 })).text, "later");
  await assert.rejects(channel.unary(m.echo, { text: "reject" }), (e: unknown) => e instanceof RpcError && e.code === Status.ABORTED);
});

test("server streaming delivers every message in order, then ends", async () => {
  const out = await collect(channel.serverStream(m.download, { text: "x", n: 100 }));
  assert.equal(out.length, 100);
  assert.deepEqual(
    out.map((r) => r.n),
    Array.from({ length: 100 }, (_, i) => i),
  );
});

test("a server stream that fails after messages delivers them before the error", async () => {
  const seen: Text[] = [];
  await assert.rejects(
    (async () => {
      for await (const r of channel.serverStream(m.download, { text: "fail-after", n: 2 })) seen.push(r);
    })(),
    (e: unknown) => e instanceof RpcError && e.code === Status.DATA_LOSS && e.message === "broke after messages",
  );
  assert.equal(seen.length, 2);
});

test("client streaming takes a sync iterable and an async generator", async () => {
  const fromArray = await channel.clientStream(m.upload, [{ text: "a" }, { text: "b" }, { text: "c" }]);
  assert.deepEqual([fromArray.text, fromArray.n], ["abc", 3]);
  async function* gen(): AsyncGenerator<Partial<Text>> {
    for (let i = 0; i < 50; i++) yield { text: String(i % 10) };
  }
  const fromGen = await channel.clientStream(m.upload, gen());
  assert.equal(fromGen.n, 50);
  const none = await channel.clientStream(m.upload, []);
  assert.equal(none.n, 0);
});

test("bidi streaming answers each request in order", async () => {
  async function* requests(): AsyncGenerator<Partial<Text>> {
    for (let i = 0; i < 20; i++) yield { text: `m${i}`, n: i };
  }
  const out = await collect(channel.bidi(m.chat, requests()));
  assert.equal(out.length, 20);
  assert.equal(out[3]?.text, "M3");
  assert.equal(out[3]?.n, 6);
});

test("request metadata reaches the handler, -bin values as bytes", async () => {
  const reply = await channel.unary(m.echo, { text: "metadata" }, { metadata: { user: "ada", "data-bin": new Uint8Array([0, 255, 7]) } });
  assert.equal(reply.text, "ada");
  assert.deepEqual(reply.blob, new Uint8Array([0, 255, 7]));
});

test("response headers and trailers reach the client", async () => {
  let headers: Record<string, unknown> = {};
  let trailers: Record<string, unknown> = {};
  await channel.unary(m.echo, { text: "headers" }, { onHeaders: (h) => (headers = { ...h }), onTrailers: (t) => (trailers = { ...t }) });
  assert.deepEqual(headers, { h1: "v1" });
  assert.deepEqual(trailers, { t1: "v2" });
});

test("invalid metadata is refused before anything is sent (B6)", async () => {
  await assert.rejects(channel.unary(m.echo, { text: "x" }, { metadata: { "Bad Key": "v" } }), (e: unknown) => e instanceof RpcError && e.code === Status.INTERNAL);
  await assert.rejects(channel.unary(m.echo, { text: "x" }, { metadata: { "x-bin": "not bytes" } }), (e: unknown) => e instanceof RpcError && /Uint8Array/.test(e.message));
  await assert.rejects(channel.unary(m.echo, { text: "x" }, { metadata: { k: "line\nbreak" } }), RpcError);
});

test("unknown method -> UNIMPLEMENTED naming it, for unary and streams (B5)", async () => {
  await assert.rejects(channel.unary(MissingDefinition.methods.nope, {}), (e: unknown) => {
    assert.ok(e instanceof RpcError);
    assert.equal(e.code, Status.UNIMPLEMENTED);
    assert.match(e.message, /\/test\.Missing\/Nope/);
    return true;
  });
  const stream = channel.serverStream({ ...MissingDefinition.methods.nope, kind: "server-stream", responseStream: true }, {});
  await assert.rejects(collect(stream), (e: unknown) => e instanceof RpcError && e.code === Status.UNIMPLEMENTED);
});

test("a handler's plain Error becomes INTERNAL with its message but no stack", async () => {
  await assert.rejects(channel.unary(m.echo, { text: "throw-plain" }), (e: unknown) => {
    assert.ok(e instanceof RpcError);
    assert.equal(e.code, Status.INTERNAL);
    assert.match(e.message, /hunter2/);
    assert.doesNotMatch(e.message, /\n\s+at /);
    assert.equal(e.method, "/test.Tester/Echo");
    return true;
  });
});

test("a handler's RpcError passes code, message and metadata; odd codes pass through (B3)", async () => {
  await assert.rejects(channel.unary(m.echo, { text: "throw-rpc" }), (e: unknown) => {
    assert.ok(e instanceof RpcError);
    assert.equal(e.code, Status.NOT_FOUND);
    assert.equal(e.message, "no user 42");
    assert.deepEqual(e.metadata["why-bin"], new Uint8Array([1, 2]));
    assert.equal(e.peer, `127.0.0.1:${port}`);
    return true;
  });
  await assert.rejects(channel.unary(m.echo, { text: "code-57" }), (e: unknown) => e instanceof RpcError && (e.code as number) === 57);
});

test("request over the server's limit -> RESOURCE_EXHAUSTED, connection still fine (I5)", async () => {
  await assert.rejects(channel.unary(m.echo, { blob: new Uint8Array(100 * 1024) }), (e: unknown) => e instanceof RpcError && e.code === Status.RESOURCE_EXHAUSTED && /server's limit/.test(e.message));
  assert.equal((await channel.unary(m.echo, { text: "ok" })).text, "ok");
});

test("response over the client's limit -> RESOURCE_EXHAUSTED, connection still fine (I5)", async () => {
  await assert.rejects(channel.unary(m.echo, { text: "big", n: 40 * 1024 }), (e: unknown) => e instanceof RpcError && e.code === Status.RESOURCE_EXHAUSTED && /client's limit/.test(e.message));
  assert.equal((await channel.unary(m.echo, { text: "big", n: 1000 })).blob.length, 1000);
});

test("a client that ignores the server's limit is still refused on receipt (A3, I5)", async () => {
  // A client claiming a huge server limit would send anyway: simulate by a
  // second server with a tiny limit and a client that never learned it.
  const tiny = createServer({ settings: { maxMessageSize: 100 } }).add(TesterDefinition, impl);
  const p = await tiny.listen({ port: 0 });
  const c = createChannel(`127.0.0.1:${p}`);
  try {
    await assert.rejects(c.clientStream(m.upload, [{ blob: new Uint8Array(50) }, { blob: new Uint8Array(5000) }]), (e: unknown) => e instanceof RpcError && e.code === Status.RESOURCE_EXHAUSTED);
    assert.equal((await c.unary(m.echo, { text: "still" })).text, "still");
  } finally {
    await c.close();
    await tiny.close({ graceMs: 10 });
  }
});
