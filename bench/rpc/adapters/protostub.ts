/**
 * `protostub`: our native transport (`createServer` / `createChannel`) with
 * the generated bench code: `BenchClient` on a channel, a `BenchService`
 * implementation on the server, the generated codecs on both.
 */
import { createChannel, createServer, type Channel } from "protostub/runtime";
import {
  BenchClient as GeneratedBenchClient,
  BenchDefinition,
  EchoReply,
  EchoRequest,
  type BenchService,
} from "../../../fixtures/gen/bench/v1/bench.js";
import { callOnce, expectMessages, type BenchClient, type BenchServer, type CallDone, type Implementation } from "../adapter.js";
import { requestPayload, type BenchFixtures } from "../fixtures.js";
import type { Workload } from "../points.js";

/** A download may not ask for more than this many messages. */
const MAX_DOWNLOAD_COUNT = 1_000_000;

/** The server side, as a user would write it. */
const service: BenchService = {
  echo: (request) => ({ payload: request.payload }),
  *download(request) {
    const reply: EchoReply = { payload: request.payload };
    const count = Math.min(request.payload?.id ?? 0, MAX_DOWNLOAD_COUNT);
    for (let i = 0; i < count; i++) yield reply;
  },
  // Not measured; implemented as the schema describes so the service is complete.
  async upload(requests) {
    let last: EchoRequest | undefined;
    for await (const request of requests) last = request;
    return { payload: last?.payload };
  },
  async *chat(requests) {
    for await (const request of requests) yield { payload: request.payload };
  },
};

async function startServer(): Promise<BenchServer> {
  const server = createServer();
  server.add(BenchDefinition, service);
  const port = await server.listen({ host: "127.0.0.1", port: 0 });
  return { port, close: () => server.close({ graceMs: 0 }) };
}

class ProtostubClient implements BenchClient {
  constructor(
    private readonly channel: Channel,
    private readonly client: GeneratedBenchClient,
    private readonly request: EchoRequest,
    private readonly streaming: boolean,
  ) {}

  call(done: CallDone): void {
    if (this.streaming) {
      this.download().then(
        (messages) => done(undefined, messages),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), 0),
      );
    } else {
      this.client.echo(this.request).then(
        () => done(undefined, 1),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error)), 0),
      );
    }
  }

  /** One echo's reply (used to verify). */
  echoReply(): Promise<EchoReply> {
    return this.client.echo(this.request);
  }

  close(): Promise<void> {
    return this.channel.close();
  }

  private async download(): Promise<number> {
    let messages = 0;
    for await (const _ of this.client.download(this.request)) messages++;
    return messages;
  }
}

async function connect(port: number, fixtures: BenchFixtures, workload: Workload): Promise<BenchClient> {
  const channel = createChannel(`127.0.0.1:${port}`);
  // The request message is built once, like the other adapters' request objects; encoding runs per call.
  const request = EchoRequest.fromJSON({ payload: requestPayload(fixtures, workload) });
  const client = new ProtostubClient(channel, new GeneratedBenchClient(channel), request, workload.kind === "download");
  if (workload.kind === "echo") {
    // Same layout for EchoRequest and EchoReply: the reply must re-encode to the request's bytes.
    const reply = await client.echoReply();
    if (!Buffer.from(EchoReply.encode(reply)).equals(EchoRequest.encode(request))) {
      throw new Error("protostub: echo reply differs from the request");
    }
  } else {
    expectMessages("protostub", await callOnce(client), workload.count);
  }
  return client;
}

/** Our transport with the generated code. */
export const protostub: Implementation = { name: "protostub", startServer, connect };
