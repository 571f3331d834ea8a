/**
 * The generated-stub shape of runtime/STUBS.md, written out by hand for the
 * test service: it must compile under strict settings and work end to end,
 * and a class implementing the service interface must satisfy `server.add`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CallContext, CallOptions, Channel, HandlerResult, PartialMessage, RequestSource, StreamResult } from "../runtime/codegen.js";
import { createChannel } from "../runtime/client/create-channel.js";
import { createInProcessChannel } from "../runtime/in-process/in-process-channel.js";
import { createServer } from "../runtime/server/server.js";
import { collect, TesterDefinition, type Text } from "./transport-helpers.js";

// ---- exactly what the generator emits (runtime/STUBS.md), for test.Tester

export class TesterClient {
  readonly #channel: Channel;

  constructor(channel: Channel) {
    this.#channel = channel;
  }

  echo(request: PartialMessage<Text>, options?: CallOptions): Promise<Text> {
    return this.#channel.unary(TesterDefinition.methods.echo, request, options);
  }

  download(request: PartialMessage<Text>, options?: CallOptions): AsyncIterable<Text> {
    return this.#channel.serverStream(TesterDefinition.methods.download, request, options);
  }

  upload(requests: RequestSource<Text>, options?: CallOptions): Promise<Text> {
    return this.#channel.clientStream(TesterDefinition.methods.upload, requests, options);
  }

  chat(requests: RequestSource<Text>, options?: CallOptions): AsyncIterable<Text> {
    return this.#channel.bidi(TesterDefinition.methods.chat, requests, options);
  }
}

export interface TesterService {
  echo(request: Text, context: CallContext): HandlerResult<Text>;
  download(request: Text, context: CallContext): StreamResult<Text>;
  upload(requests: AsyncIterable<Text>, context: CallContext): HandlerResult<Text>;
  chat(requests: AsyncIterable<Text>, context: CallContext): StreamResult<Text>;
}

// ---- a user's implementation, as a class

class Tester implements TesterService {
  private readonly prefix = ">";

  echo(request: Text, context: CallContext): HandlerResult<Text> {
    return { text: `${this.prefix}${request.text}`, n: context.metadata["n"] === undefined ? 0 : Number(context.metadata["n"]) };
  }

  async *download(request: Text): StreamResult<Text> {
    for (let i = 0; i < request.n; i++) yield { n: i };
  }

  async upload(requests: AsyncIterable<Text>): Promise<PartialMessage<Text>> {
    let n = 0;
    for await (const _ of requests) n++;
    return { n };
  }

  async *chat(requests: AsyncIterable<Text>): AsyncIterable<PartialMessage<Text>> {
    for await (const r of requests) yield { text: r.text + this.prefix };
  }
}

test("the STUBS.md client and service shapes work over TCP, with `this` bound to the implementation", async () => {
  const server = createServer().add(TesterDefinition, new Tester());
  const port = await server.listen({ port: 0 });
  const channel = createChannel(`127.0.0.1:${port}`);
  const client = new TesterClient(channel);
  try {
    assert.deepEqual(await client.echo({ text: "hi" }, { metadata: { n: "5" } }), { text: ">hi", n: 5, blob: new Uint8Array(0) });
    assert.equal((await collect(client.download({ n: 4 }))).length, 4);
    assert.equal((await client.upload([{}, {}])).n, 2);
    assert.deepEqual((await collect(client.chat([{ text: "a" }, { text: "b" }]))).map((r) => r.text), ["a>", "b>"]);
  } finally {
    await channel.close();
    await server.close({ graceMs: 50 });
  }
});

test("the same client works over an in-process channel unchanged", async () => {
  const server = createServer().add(TesterDefinition, new Tester());
  const client = new TesterClient(createInProcessChannel(server));
  assert.equal((await client.echo({ text: "x" })).text, ">x");
  await server.close({ graceMs: 50 });
});

test("server.add checks handler shapes against the definition's kinds (compile time)", () => {
  const impl = new Tester();
  const wrong = {
    echo: () => 42,
    download: impl.download.bind(impl),
    upload: impl.upload.bind(impl),
    chat: impl.chat.bind(impl),
  };
  // @ts-expect-error echo must return a message (or a promise of one), not a number
  const check = (): unknown => createServer().add(TesterDefinition, wrong);
  assert.equal(typeof check, "function");
});
