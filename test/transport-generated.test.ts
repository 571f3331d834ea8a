/**
 * The runtime with generated code from fixtures/gen (the bench and service
 * fixtures): real codecs (int64 as bigint, maps, nested messages, enums)
 * and generated definitions, every method kind, over TCP and in process.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { BenchDefinition, EchoRequest, Kind, Payload } from "../fixtures/gen/bench/v1/bench.js";
import { type GetRequest, StoreDefinition } from "../fixtures/gen/service/service.js";
import { createChannel } from "../runtime/client/create-channel.js";
import { createInProcessChannel } from "../runtime/in-process/in-process-channel.js";
import { createServer } from "../runtime/server/server.js";
import type { ServiceImpl } from "../runtime/server/service-impl.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { collect } from "./transport-helpers.js";

const payloads = JSON.parse(readFileSync(new URL("../../fixtures/bench-payloads.json", import.meta.url), "utf8")) as { small: never; large: never };

function benchServer() {
  return createServer().add(BenchDefinition, {
    echo: (req) => ({ payload: req.payload }),
    *download(req) {
      for (let i = 0; i < (req.payload?.id ?? 0); i++) yield { payload: { ...req.payload, id: i } };
    },
    async upload(requests) {
      let sum = 0n;
      for await (const r of requests) for (const v of r.payload?.values ?? []) sum += v;
      return { payload: { values: [sum] } };
    },
    async *chat(requests) {
      for await (const r of requests) yield { payload: { name: r.payload?.name.toUpperCase(), kind: Kind.KIND_B } };
    },
  });
}

test("bench payloads (small and large) round-trip unchanged through Echo over TCP", async () => {
  const server = benchServer();
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    for (const which of ["small", "large"] as const) {
      const payload = Payload.fromJSON(payloads[which]);
      const reply = await channel.unary(BenchDefinition.methods.echo, EchoRequest.create({ payload }));
      assert.ok(reply.payload !== undefined && Payload.equals(reply.payload, payload), `${which} payload differs`);
    }
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("fields the server's schema lacks survive an echo through it over TCP (schema skew)", async () => {
  const server = benchServer();
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  try {
    // Payload bytes from a newer schema: field 5 of Inner (varint 150) and
    // field 99 of Payload (string "new") that bench.proto does not define.
    const known = Payload.encode(Payload.create({ id: 3, inner: { note: "n" } }));
    const innerWithUnknown = [0x2a, 0x06, 0x0a, 0x01, 0x6e, 0x28, 0x96, 0x01];
    const extra = [0x9a, 0x06, 0x03, 0x6e, 0x65, 0x77];
    const bytes = new Uint8Array([0x08, 0x03, ...innerWithUnknown, ...extra]);
    const payload = Payload.decode(bytes);
    assert.equal(payload.inner?.note, "n");
    assert.notDeepEqual(Payload.encode(payload), known, "the decoded payload carries the unknown fields");
    // The server decodes the request and returns its payload without create(), so nothing is dropped.
    const reply = await channel.unary(BenchDefinition.methods.echo, { payload });
    assert.ok(reply.payload !== undefined);
    assert.deepEqual(Payload.encode(reply.payload), bytes);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("generated definitions drive all four kinds; partial requests get defaults", async () => {
  const server = benchServer();
  const channel = createInProcessChannel(server);
  try {
    const stream = await collect(channel.serverStream(BenchDefinition.methods.download, { payload: { id: 3, name: "d" } }));
    assert.deepEqual(stream.map((r) => [r.payload?.id, r.payload?.name]), [[0, "d"], [1, "d"], [2, "d"]]);
    const up = await channel.clientStream(BenchDefinition.methods.upload, [{ payload: { values: [1n, 2n] } }, { payload: { values: [2n ** 40n] } }]);
    assert.deepEqual(up.payload?.values, [3n + 2n ** 40n]);
    const chat = await collect(channel.bidi(BenchDefinition.methods.chat, [{ payload: { name: "x" } }, {}]));
    assert.deepEqual(chat.map((r) => [r.payload?.name, r.payload?.kind]), [["X", Kind.KIND_B], ["", Kind.KIND_B]]);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("a service whose methods the implementation lacks answers UNIMPLEMENTED for them", async () => {
  // Only `get` is implemented; the types ask for every method, so cast as a partial implementation would.
  const partial = { get: (req: GetRequest) => ({ value: new TextEncoder().encode(req.key) }) };
  const server = createServer().add(StoreDefinition, partial as unknown as ServiceImpl<typeof StoreDefinition>);
  const channel = createInProcessChannel(server);
  try {
    assert.deepEqual((await channel.unary(StoreDefinition.methods.get, { key: "k" })).value, new TextEncoder().encode("k"));
    await assert.rejects(channel.unary(StoreDefinition.methods.put, { key: "k" }), (e: unknown) => e instanceof RpcError && e.code === Status.UNIMPLEMENTED && /not implemented/.test(e.message));
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});
