/**
 * The generated stubs end to end: fixtures/gen's StoreClient/StoreService
 * and BenchClient/BenchService against a real server over TCP and through
 * an in-process channel. Every method kind, errors, metadata and options
 * passing through the client's one-line methods.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { BenchClient, BenchDefinition, type BenchService, type EchoReply, type EchoRequest, Payload } from "../fixtures/gen/bench/v1/bench.js";
import type { Empty } from "../fixtures/gen/google/protobuf/empty.js";
import { type GetRequest, type GetResponse, StoreClient, StoreDefinition, type StoreService } from "../fixtures/gen/service/service.js";
import {
  type CallContext,
  type Channel,
  createChannel,
  createInProcessChannel,
  createServer,
  type PartialMessage,
  RpcError,
  type Server,
  Status,
} from "../runtime/index.js";

const text = new TextEncoder();
const untext = new TextDecoder();

/** A key-value store, written as a user would: a class implementing the generated interface. */
class MemoryStore implements StoreService {
  readonly values = new Map<string, Uint8Array>();

  get(request: GetRequest, context: CallContext): PartialMessage<GetResponse> {
    const value = this.values.get(request.key);
    if (value === undefined) throw new RpcError(Status.NOT_FOUND, `no key ${request.key}`);
    context.setHeader("x-found", request.key);
    return { value };
  }

  async put(request: GetRequest): Promise<PartialMessage<Empty>> {
    this.values.set(request.key, text.encode(request.key.toUpperCase()));
    return {};
  }

  delete(request: GetRequest): PartialMessage<Empty> {
    this.values.delete(request.key);
    return {};
  }

  touch(_request: GetRequest, context: CallContext): Promise<PartialMessage<Empty>> {
    // Waits until the client gives up: shows the client's options reached the server.
    return new Promise((_, reject) => context.signal.addEventListener("abort", () => reject(context.signal.reason)));
  }

  async *watch(request: GetRequest): AsyncIterable<PartialMessage<GetResponse>> {
    for (const [key, value] of [...this.values].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (key.startsWith(request.key)) yield { value };
    }
    if (request.key === "fail") throw new RpcError(Status.FAILED_PRECONDITION, "watch broke");
  }

  async upload(requests: AsyncIterable<GetRequest>): Promise<PartialMessage<GetResponse>> {
    const keys: string[] = [];
    for await (const r of requests) keys.push(r.key);
    return { value: text.encode(keys.join(",")) };
  }

  async *sync(requests: AsyncIterable<GetRequest>, context: CallContext): AsyncIterable<PartialMessage<GetResponse>> {
    for await (const r of requests) yield { value: text.encode(`${r.key}@${context.metadata["who"] ?? "?"}`) };
  }

  *list(): Iterable<PartialMessage<GetResponse>> {
    throw new Error("list is broken");
  }
}

/** The bench service as an object literal: parameter types come from BenchService. */
const bench: BenchService = {
  echo: (request) => ({ payload: request.payload }),
  async *download(request) {
    for (let i = 0; i < (request.payload?.id ?? 0); i++) yield { payload: { ...request.payload, id: i } };
  },
  async upload(requests) {
    let last: Payload | undefined;
    let total = 0;
    for await (const r of requests) {
      last = r.payload;
      total += r.payload?.id ?? 0;
    }
    return { payload: { ...last, id: total } };
  },
  async *chat(requests) {
    for await (const r of requests) yield { payload: { ...r.payload, name: (r.payload?.name ?? "").toUpperCase() } };
  },
};

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function strings(replies: readonly GetResponse[]): string[] {
  return replies.map((r) => untext.decode(r.value));
}

function isRpcError(code: Status, message?: RegExp): (err: unknown) => boolean {
  return (err) => err instanceof RpcError && err.code === code && (message === undefined || message.test(err.message));
}

function newServer(store = new MemoryStore()): Server {
  return createServer().add(StoreDefinition, store).add(BenchDefinition, bench);
}

/** Runs `body` with a channel to a fresh server, over TCP or in process; closes both after. */
async function withChannel(kind: "tcp" | "in-process", body: (channel: Channel) => Promise<void>): Promise<void> {
  const server = newServer();
  let channel: Channel | undefined;
  try {
    if (kind === "tcp") {
      const port = await server.listen({ host: "127.0.0.1", port: 0 });
      channel = createChannel(`127.0.0.1:${port}`);
    } else {
      channel = createInProcessChannel(server);
    }
    await body(channel);
  } finally {
    await channel?.close();
    await server.close({ graceMs: 100 });
  }
}

for (const kind of ["tcp", "in-process"] as const) {
  test(`${kind}: StoreClient, unary: partial requests in, full replies out, headers back`, () =>
    withChannel(kind, async (channel) => {
      const store = new StoreClient(channel);
      const put: Empty = await store.put({ key: "a" });
      assert.deepEqual(put, {});
      await store.put({ key: "ab" });
      const headers: Record<string, unknown> = {};
      const got = await store.get({ key: "a" }, { onHeaders: (h) => Object.assign(headers, h) });
      assert.equal(untext.decode(got.value), "A");
      assert.equal(headers["x-found"], "a");
      await store.delete({ key: "a" });
      await assert.rejects(store.get({ key: "a" }), isRpcError(Status.NOT_FOUND, /no key a/));
    }));

  test(`${kind}: StoreClient, server streaming ends with the stream and throws the handler's RpcError`, () =>
    withChannel(kind, async (channel) => {
      const store = new StoreClient(channel);
      for (const key of ["b2", "b1", "c", "fail"]) await store.put({ key });
      assert.deepEqual(strings(await collect(store.watch({ key: "b" }))), ["B1", "B2"]);
      assert.deepEqual(strings(await collect(store.watch({ key: "nothing" }))), []);
      const seen: string[] = [];
      await assert.rejects(async () => {
        for await (const r of store.watch({ key: "fail" })) seen.push(untext.decode(r.value));
      }, isRpcError(Status.FAILED_PRECONDITION, /watch broke/));
      assert.deepEqual(seen, ["FAIL"]);
      // A plain Error from a handler reaches the client as INTERNAL, without its stack.
      await assert.rejects(collect(store.list({})), (err: unknown) => isRpcError(Status.INTERNAL, /list is broken/)(err) && !/\n\s+at /.test((err as RpcError).message));
    }));

  test(`${kind}: StoreClient, client streaming from an array and from an async generator`, () =>
    withChannel(kind, async (channel) => {
      const store = new StoreClient(channel);
      assert.equal(untext.decode((await store.upload([{ key: "x" }, {}, { key: "z" }])).value), "x,,z");
      async function* keys(): AsyncIterable<PartialMessage<GetRequest>> {
        for (let i = 0; i < 50; i++) yield { key: `k${i}` };
      }
      const reply = await store.upload(keys());
      assert.equal(untext.decode(reply.value).split(",").length, 50);
      assert.equal(untext.decode((await store.upload([])).value), "");
    }));

  test(`${kind}: StoreClient, bidi replies interleave with requests, metadata reaches the handler`, () =>
    withChannel(kind, async (channel) => {
      const store = new StoreClient(channel);
      // The next request is sent only after the previous reply arrived: a
      // client that buffered requests until the end would hang here.
      let replied: () => void = () => undefined;
      async function* requests(): AsyncIterable<PartialMessage<GetRequest>> {
        for (const key of ["one", "two", "three"]) {
          const next = new Promise<void>((resolve) => (replied = resolve));
          yield { key };
          await next;
        }
      }
      const got: string[] = [];
      for await (const r of store.sync(requests(), { metadata: { who: "me" } })) {
        got.push(untext.decode(r.value));
        replied();
      }
      assert.deepEqual(got, ["one@me", "two@me", "three@me"]);
    }));

  test(`${kind}: StoreClient passes CallOptions through: timeout and abort reach the server`, () =>
    withChannel(kind, async (channel) => {
      const store = new StoreClient(channel);
      await assert.rejects(store.touch({ key: "t" }, { timeoutMs: 50 }), isRpcError(Status.DEADLINE_EXCEEDED));
      const controller = new AbortController();
      const call = store.touch({ key: "t" }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(call, isRpcError(Status.CANCELLED));
    }));

  test(`${kind}: BenchClient with the bench payloads, all four kinds`, () =>
    withChannel(kind, async (channel) => {
      const client = new BenchClient(channel);
      const payloads = JSON.parse(readFileSync(new URL("../../fixtures/bench-payloads.json", import.meta.url), "utf8")) as Record<"small" | "large", unknown>;
      for (const which of ["small", "large"] as const) {
        const payload = Payload.fromJSON(payloads[which] as Parameters<typeof Payload.fromJSON>[0]);
        const reply: EchoReply = await client.echo({ payload });
        assert.ok(reply.payload !== undefined && Payload.equals(reply.payload, payload), `${which} echo differs`);
      }
      const down = await collect(client.download({ payload: { id: 3, name: "d", values: [2n ** 60n] } }));
      assert.deepEqual(down.map((r) => [r.payload?.id, r.payload?.name, r.payload?.values]), [[0, "d", [2n ** 60n]], [1, "d", [2n ** 60n]], [2, "d", [2n ** 60n]]]);
      const requests: PartialMessage<EchoRequest>[] = [{ payload: { id: 1 } }, { payload: { id: 2, name: "last" } }];
      const up = await client.upload(requests);
      assert.deepEqual([up.payload?.id, up.payload?.name], [3, "last"]);
      async function* chat(): AsyncIterable<PartialMessage<EchoRequest>> {
        yield { payload: { name: "hi", labels: { a: "b" } } };
        yield {};
      }
      const chatted = await collect(client.chat(chat()));
      assert.deepEqual(chatted.map((r) => [r.payload?.name, r.payload?.labels]), [["HI", { a: "b" }], ["", {}]]);
    }));
}
