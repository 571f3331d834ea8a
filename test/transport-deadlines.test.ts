/**
 * Deadlines, cancellation and propagation over real sockets
 * (RELIABILITY C5-C11, C8, D2, D5).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Channel } from "../runtime/client/channel.js";
import { channelStats, createChannel } from "../runtime/client/create-channel.js";
import type { CallContext } from "../runtime/context/call-context.js";
import { createServer, type Server } from "../runtime/server/server.js";
import type { ServiceImpl } from "../runtime/server/service-impl.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { sleep, TesterDefinition, within } from "./transport-helpers.js";

const m = TesterDefinition.methods;

interface Seen {
  deadline: number | undefined;
  requestId: string;
  reason: RpcError | undefined;
  cancelledAfterMs: number;
}

/** What backend handlers observed, by request text. */
const seen = new Map<string, Seen>();

function waitForCancel(ctx: CallContext, key: string, maxMs: number): Promise<void> {
  const started = performance.now();
  const record: Seen = { deadline: ctx.deadline, requestId: ctx.requestId, reason: undefined, cancelledAfterMs: -1 };
  seen.set(key, record);
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    ctx.signal.addEventListener("abort", () => {
      clearTimeout(timer);
      record.reason = ctx.signal.reason as RpcError;
      record.cancelledAfterMs = performance.now() - started;
      resolve();
    });
  });
}

let backend: Server;
let frontend: Server;
let toBackend: Channel;
let toFrontend: Channel;

const backendImpl: ServiceImpl<typeof TesterDefinition> = {
  async echo(req, ctx) {
    if (req.text.startsWith("hang")) await waitForCancel(ctx, req.text, 5000);
    if (req.text.startsWith("id")) seen.set(req.text, { deadline: ctx.deadline, requestId: ctx.requestId, reason: undefined, cancelledAfterMs: -1 });
    if (req.text === "late") await sleep(req.n);
    return { text: req.text, n: req.n };
  },
  async *download(req, ctx) {
    for (let i = 0; i < 3; i++) yield { n: i };
    await waitForCancel(ctx, req.text, 5000);
  },
  upload: async () => ({}),
  chat: async function* () {},
};

// The frontend forwards to the backend: explicitly with parent, through
// AsyncLocalStorage, or opted out with parent: null.
const frontendImpl: ServiceImpl<typeof TesterDefinition> = {
  async echo(req, ctx) {
    const inner = { text: req.text.replace(/^\w+:/, ""), n: req.n };
    if (req.text.startsWith("explicit:")) return toBackend.unary(m.echo, inner, { parent: ctx });
    if (req.text.startsWith("implicit:")) return (async () => toBackend.unary(m.echo, inner))();
    if (req.text.startsWith("detached:")) return toBackend.unary(m.echo, inner, { parent: null, timeoutMs: 200 });
    return { text: "?" };
  },
  download: async function* () {},
  upload: async () => ({}),
  chat: async function* () {},
};

before(async () => {
  backend = createServer().add(TesterDefinition, backendImpl);
  frontend = createServer().add(TesterDefinition, frontendImpl);
  toBackend = createChannel(`127.0.0.1:${await backend.listen({ port: 0 })}`);
  toFrontend = createChannel(`127.0.0.1:${await frontend.listen({ port: 0 })}`);
});

after(async () => {
  await toFrontend.close();
  await toBackend.close();
  await frontend.close({ graceMs: 100 });
  await backend.close({ graceMs: 100 });
});

test("deadline exceeded on the client, observed by the handler's signal (C5, C6)", async () => {
  const t0 = performance.now();
  await assert.rejects(toBackend.unary(m.echo, { text: "hang-1" }, { timeoutMs: 100 }), (e: unknown) => {
    assert.ok(e instanceof RpcError);
    assert.equal(e.code, Status.DEADLINE_EXCEEDED);
    assert.match(e.message, /\/test\.Tester\/Echo on 127\.0\.0\.1:\d+/);
    assert.match(e.message, /ms for a connection, .* on the wire and in the server/);
    return true;
  });
  const elapsed = performance.now() - t0;
  assert.ok(elapsed >= 99 && elapsed < 600, `settled after ${elapsed} ms`);
  await within(1000, (async () => { while (seen.get("hang-1")?.reason === undefined) await sleep(5); })(), "handler sees the deadline");
  const s = seen.get("hang-1") as Seen;
  assert.equal(s.reason?.code, Status.DEADLINE_EXCEEDED);
  assert.ok(s.deadline !== undefined && Math.abs(s.deadline - (Date.now() - elapsed + 100)) < 200);
  assert.equal(channelStats(toBackend).inFlight, 0);
  assert.equal(channelStats(toBackend).deadlines, 0);
});

test("an AbortSignal cancels the call and the handler sees CANCELLED (D1-style)", async () => {
  const ac = new AbortController();
  const call = toBackend.unary(m.echo, { text: "hang-2" }, { signal: ac.signal });
  await within(1000, (async () => { while (!seen.has("hang-2")) await sleep(2); })(), "call reaches handler");
  ac.abort();
  await assert.rejects(call, (e: unknown) => e instanceof RpcError && e.code === Status.CANCELLED);
  await within(1000, (async () => { while (seen.get("hang-2")?.reason === undefined) await sleep(2); })(), "handler sees cancel");
  assert.equal(seen.get("hang-2")?.reason?.code, Status.CANCELLED);
});

test("an already aborted signal fails at once and sends nothing (D5)", async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(toBackend.unary(m.echo, { text: "hang-never" }, { signal: ac.signal }), (e: unknown) => e instanceof RpcError && e.code === Status.CANCELLED);
  await sleep(20);
  assert.equal(seen.has("hang-never"), false);
});

test("cancel after completion and cancel twice are no-ops (D5)", async () => {
  const ac = new AbortController();
  const reply = await toBackend.unary(m.echo, { text: "x", n: 1 }, { signal: ac.signal });
  ac.abort();
  ac.abort();
  assert.equal(reply.n, 1);
});

test("a zero or negative timeout fails DEADLINE_EXCEEDED without sending (C10)", async () => {
  await assert.rejects(toBackend.unary(m.echo, { text: "hang-zero" }, { timeoutMs: 0 }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED && /never sent/.test(e.message));
  await assert.rejects(toBackend.unary(m.echo, { text: "hang-zero" }, { deadline: new Date(Date.now() - 1000) }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
  await sleep(20);
  assert.equal(seen.has("hang-zero"), false);
});

test("a 30-day deadline does not fire early and arrives as a deadline (C11)", async () => {
  const reply = await toBackend.unary(m.echo, { text: "id-30d" }, { timeoutMs: 30 * 24 * 3600 * 1000 });
  assert.equal(reply.text, "id-30d");
  const d = seen.get("id-30d")?.deadline as number;
  assert.ok(Math.abs(d - (Date.now() + 30 * 24 * 3600 * 1000)) < 5000);
});

test("a server stream stalled after 3 messages ends DEADLINE_EXCEEDED and the handler is cancelled (C5)", async () => {
  const got: number[] = [];
  await assert.rejects(
    (async () => {
      for await (const r of toBackend.serverStream(m.download, { text: "hang-stream" }, { timeoutMs: 150 })) got.push(r.n);
    })(),
    (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED,
  );
  assert.deepEqual(got, [0, 1, 2]);
  await within(1000, (async () => { while (seen.get("hang-stream")?.reason === undefined) await sleep(5); })(), "stream handler cancelled");
});

test("parent propagation across two hops: deadline, request id, both DEADLINE_EXCEEDED near the deadline (C8)", async () => {
  for (const mode of ["explicit", "implicit"]) {
    const key = `hang-${mode}`;
    const t0 = performance.now();
    await assert.rejects(toFrontend.unary(m.echo, { text: `${mode}:${key}` }, { timeoutMs: 150, requestId: `rid-${mode}` }), (e: unknown) => e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED);
    const elapsed = performance.now() - t0;
    assert.ok(elapsed < 700, `${mode}: took ${elapsed} ms`);
    await within(1000, (async () => { while (seen.get(key)?.reason === undefined) await sleep(5); })(), `${mode}: backend sees the deadline`);
    const s = seen.get(key) as Seen;
    assert.equal(s.requestId, `rid-${mode}`, `${mode}: request id travels`);
    assert.equal(s.reason?.code, Status.DEADLINE_EXCEEDED);
    assert.ok(s.deadline !== undefined && s.deadline <= Date.now() + 50, `${mode}: backend got the inherited deadline`);
    assert.ok(s.cancelledAfterMs < 400, `${mode}: backend cancelled after ${s.cancelledAfterMs} ms`);
  }
});

test("cancelling the client call cancels the backend call two hops away (C8)", async () => {
  const ac = new AbortController();
  const call = toFrontend.unary(m.echo, { text: "explicit:hang-cancel2" }, { signal: ac.signal });
  await within(1000, (async () => { while (!seen.has("hang-cancel2")) await sleep(2); })(), "reaches backend");
  ac.abort();
  await assert.rejects(call, (e: unknown) => e instanceof RpcError && e.code === Status.CANCELLED);
  await within(1000, (async () => { while (seen.get("hang-cancel2")?.reason === undefined) await sleep(2); })(), "backend cancelled");
  assert.equal(seen.get("hang-cancel2")?.reason?.code, Status.CANCELLED);
});

test("parent: null opts out of inheritance (no deadline, own request id)", async () => {
  const reply = await toFrontend.unary(m.echo, { text: "detached:id-detached" }, { timeoutMs: 5000, requestId: "outer" });
  assert.equal(reply.text, "id-detached");
  const s = seen.get("id-detached") as Seen;
  assert.notEqual(s.requestId, "outer");
  assert.ok(s.deadline !== undefined && s.deadline < Date.now() + 300, "own 200 ms deadline, not the parent's 5 s");
});

test("cancel racing completion settles every call exactly once (D2)", async () => {
  let ok = 0;
  let cancelled = 0;
  const rounds = 2000;
  const batch = 50;
  for (let i = 0; i < rounds; i += batch) {
    await Promise.all(
      Array.from({ length: batch }, async (_, k) => {
        const ac = new AbortController();
        const p = toBackend.unary(m.echo, { text: "race", n: i + k }, { signal: ac.signal });
        const when = (i + k) % 4;
        if (when === 0) ac.abort();
        else if (when === 1) queueMicrotask(() => ac.abort());
        else if (when === 2) setImmediate(() => ac.abort());
        else setTimeout(() => ac.abort(), 0);
        try {
          const r = await p;
          assert.equal(r.n, i + k);
          ok++;
        } catch (e) {
          assert.ok(e instanceof RpcError && e.code === Status.CANCELLED);
          cancelled++;
        }
      }),
    );
  }
  assert.equal(ok + cancelled, rounds);
  assert.ok(cancelled >= rounds / 4);
  assert.equal(channelStats(toBackend).inFlight, 0);
});
