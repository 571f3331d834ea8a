/**
 * `npm run example`: the project end to end. The npm script has just
 * generated TypeScript from fixtures/proto/bench/v1/bench.proto into
 * examples/gen/ and compiled it; this program starts a server for the Bench
 * service (a class implementing the generated `BenchService`) on a free
 * loopback port, runs the generated `BenchClient` against it (every method
 * kind, metadata, a deadline, cancellation, an in-process channel with an
 * injected fault) and prints what happened.
 */
import {
  type CallContext,
  channelStats,
  createChannel,
  createInProcessChannel,
  createServer,
  type PartialMessage,
  RpcError,
  statusName,
} from "protostub/runtime";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BenchClient, BenchDefinition, type BenchService, type EchoReply, type EchoRequest } from "./gen/bench/v1/bench.js";

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function describe(err: unknown): string {
  return err instanceof RpcError ? `${statusName(err.code)}: ${err.message}` : String(err);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** The server side: an implementation of the generated `BenchService` interface. */
class Bench implements BenchService {
  echo(request: EchoRequest, ctx: CallContext): PartialMessage<EchoReply> {
    ctx.setTrailer("served-by", "example");
    return { payload: request.payload };
  }

  async *download(request: EchoRequest, ctx: CallContext): AsyncIterable<PartialMessage<EchoReply>> {
    const count = request.payload?.id ?? 0;
    for (let i = 0; i < count && !ctx.cancelled; i++) {
      if (request.payload?.name === "slow") await sleep(20, ctx.signal);
      yield { payload: { ...request.payload, id: i } };
    }
  }

  async upload(requests: AsyncIterable<EchoRequest>): Promise<PartialMessage<EchoReply>> {
    let total = 0;
    for await (const r of requests) total += r.payload?.id ?? 0;
    return { payload: { id: total } };
  }

  async *chat(requests: AsyncIterable<EchoRequest>): AsyncIterable<PartialMessage<EchoReply>> {
    for await (const r of requests) yield { payload: { name: (r.payload?.name ?? "").toUpperCase() } };
  }
}

async function main(): Promise<void> {
  const generated = new URL("../gen/bench/v1/bench.ts", import.meta.url);
  log(`stubs: generated ${fileURLToPath(generated)} (${statSync(generated).size} bytes) from fixtures/proto/bench/v1/bench.proto`);
  const server = createServer().add(BenchDefinition, new Bench());
  const port = await server.listen({ host: "127.0.0.1", port: 0 });
  log(`server: Bench service listening on 127.0.0.1:${port}`);

  const channel = createChannel(`127.0.0.1:${port}`);
  const client = new BenchClient(channel);
  try {
    let trailers: Record<string, unknown> = {};
    const reply = await client.echo({ payload: { id: 7, name: "hello", labels: { lang: "ts" } } }, { metadata: { user: "ada" }, onTrailers: (t) => (trailers = { ...t }) });
    log(`unary Echo: sent id 7 "hello", got id ${reply.payload?.id} "${reply.payload?.name}" labels ${JSON.stringify(reply.payload?.labels)}, trailers ${JSON.stringify(trailers)}`);

    const ids: number[] = [];
    for await (const r of client.download({ payload: { id: 5, name: "fast" } })) ids.push(r.payload?.id ?? -1);
    log(`server stream Download: asked for 5, got ids ${ids.join(", ")}`);

    const sum = await client.upload([1, 2, 3, 4].map((id) => ({ payload: { id } })));
    log(`client stream Upload: sent ids 1..4, server summed them to ${sum.payload?.id}`);

    const words: string[] = [];
    for await (const r of client.chat(["ping", "pong"].map((name) => ({ payload: { name } })))) words.push(r.payload?.name ?? "");
    log(`bidi Chat: sent "ping", "pong", got ${words.map((w) => `"${w}"`).join(", ")}`);

    try {
      for await (const _ of client.download({ payload: { id: 1000, name: "slow" } }, { timeoutMs: 100 })) {
        // 20 ms per message: the 100 ms deadline ends the stream early.
      }
    } catch (err) {
      log(`deadline: a slow Download with timeoutMs 100 ended with ${describe(err)}`);
    }

    const ac = new AbortController();
    const cancelled = client.echo({ payload: { id: 1 } }, { signal: ac.signal });
    ac.abort();
    await cancelled.catch((err: unknown) => log(`cancellation: an aborted call ended with ${describe(err)}`));

    const stats = channelStats(channel);
    log(`client: ${stats.inFlight} calls in flight, ${stats.deadlines} deadlines armed, connection ${stats.state}`);
  } finally {
    await channel.close();
  }

  const local = createInProcessChannel(server, { faults: { failRate: 1 } });
  const localClient = new BenchClient(local);
  await localClient.echo({}).catch((err: unknown) => log(`in-process channel with failRate 1: ${describe(err)}`));
  local.faults.failRate = 0;
  const viaMemory = await localClient.echo({ payload: { id: 42 } });
  log(`in-process channel with failRate 0: Echo returned id ${viaMemory.payload?.id} without a socket`);
  await local.close();

  await server.close({ graceMs: 1000 });
  log(`server: closed gracefully (${server.activeCalls} calls left)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`example failed: ${describe(err)}\n`);
  process.exitCode = 1;
});
