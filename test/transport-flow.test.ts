/**
 * Flow control over real sockets (docs/protocol.md section 7): a slow
 * reader bounds what a fast writer produces, in both directions, and no
 * message is lost (RELIABILITY H2).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createChannel } from "../runtime/client/create-channel.js";
import { createServer } from "../runtime/server/server.js";
import { sleep, TesterDefinition, type Text, within } from "./transport-helpers.js";

const m = TesterDefinition.methods;
const KIB = 1024;

test("a slow reader under a fast server stream keeps the server within the window (H2)", async () => {
  let produced = 0;
  const total = 2000;
  const server = createServer().add(TesterDefinition, {
    echo: async () => ({}),
    async *download() {
      for (let i = 0; i < total; i++) {
        produced++;
        yield { n: i, blob: new Uint8Array(KIB) };
      }
    },
    upload: async () => ({}),
    chat: async function* () {},
  });
  const port = await server.listen({ port: 0 });
  const window = 64 * KIB;
  const channel = createChannel(`127.0.0.1:${port}`, { settings: { initialWindow: window } });
  try {
    const it = channel.serverStream(m.download, {})[Symbol.asyncIterator]();
    assert.equal((await it.next()).value?.n, 0);
    await sleep(300);
    const perWindow = window / KIB;
    // One window of messages, plus the one that overshoots, plus the one being serialized.
    assert.ok(produced <= perWindow + 3, `server produced ${produced} with a ${perWindow}-message window`);
    // Read slowly for a while: production follows consumption, one half-window at a time.
    for (let i = 1; i <= 100; i++) {
      const r = await it.next();
      assert.equal(r.value?.n, i);
      if (i % 10 === 0) await sleep(5);
      assert.ok(produced <= i + perWindow + 3, `after reading ${i}: produced ${produced}`);
    }
    // Then catch up: everything arrives, in order.
    let next = 101;
    for (;;) {
      const r = await within(5000, it.next(), "stream drains");
      if (r.done === true) break;
      assert.equal(r.value.n, next++);
    }
    assert.equal(next, total);
  } finally {
    await channel.close();
    await server.close({ graceMs: 100 });
  }
});

test("a slow handler under a fast client stream keeps the client within the window (H2, client side)", async () => {
  let produced = 0;
  let consumed = 0;
  const window = 16 * KIB;
  const server = createServer({ settings: { initialWindow: window } }).add(TesterDefinition, {
    echo: async () => ({}),
    download: async function* () {},
    async upload(requests) {
      for await (const r of requests) {
        consumed++;
        if (consumed === 1) await sleep(300);
        assert.equal(r.n, consumed - 1);
      }
      return { n: consumed };
    },
    chat: async function* () {},
  });
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  let producedWhileStalled = -1;
  async function* requests(): AsyncGenerator<Partial<Text>> {
    for (let i = 0; i < 500; i++) {
      produced++;
      if (i === 100) producedWhileStalled = produced;
      yield { n: i, blob: new Uint8Array(KIB) };
    }
  }
  try {
    const reply = channel.clientStream(m.upload, requests());
    await sleep(200);
    assert.ok(produced <= window / KIB + 4, `client produced ${produced} while the handler was stalled`);
    assert.equal((await within(5000, reply, "upload")).n, 500);
    assert.ok(producedWhileStalled > 0);
  } finally {
    await channel.close();
    await server.close({ graceMs: 100 });
  }
});

test("bidi echo of 5,000 messages loses nothing and keeps order", async () => {
  const server = createServer({ settings: { initialWindow: 8 * KIB } }).add(TesterDefinition, {
    echo: async () => ({}),
    download: async function* () {},
    upload: async () => ({}),
    async *chat(requests) {
      for await (const r of requests) yield { n: r.n };
    },
  });
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`, { settings: { initialWindow: 8 * KIB } });
  try {
    const count = 5000;
    function* requests(): Generator<Partial<Text>> {
      for (let i = 0; i < count; i++) yield { n: i, blob: new Uint8Array(100) };
    }
    let expect = 0;
    for await (const r of channel.bidi(m.chat, requests())) assert.equal(r.n, expect++);
    assert.equal(expect, count);
  } finally {
    await channel.close();
    await server.close({ graceMs: 100 });
  }
});

test("a stream from a generator that never waits does not starve other connections (H3)", async () => {
  const server = createServer().add(TesterDefinition, {
    echo: (req) => ({ n: req.n }),
    *download(req) {
      for (let i = 0; i < req.n; i++) yield { n: i };
    },
    upload: async () => ({}),
    chat: async function* () {},
  });
  const port = await server.listen({ port: 0 });
  // A huge window: only the pump's periodic yield keeps the loop responsive.
  const streaming = createChannel(`127.0.0.1:${port}`, { settings: { initialWindow: 64 * 1024 * 1024 } });
  const other = createChannel(`127.0.0.1:${port}`);
  try {
    await other.unary(m.echo, { n: 1 });
    let received = 0;
    const stream = (async () => {
      for await (const _ of streaming.serverStream(m.download, { n: 200_000 })) received++;
    })();
    await sleep(20);
    let worst = 0;
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await other.unary(m.echo, { n: i });
      worst = Math.max(worst, performance.now() - t0);
    }
    await within(30_000, stream, "stream finishes");
    assert.equal(received, 200_000);
    assert.ok(worst < 100, `a unary call took ${worst.toFixed(1)} ms during the stream`);
  } finally {
    await streaming.close();
    await other.close();
    await server.close({ graceMs: 100 });
  }
});
