/**
 * `grpc-js`: @grpc/grpc-js with @grpc/proto-loader dynamic loading, with the
 * loader options of the grpc-node examples (as measured in PEERS.md).
 */
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { callOnce, expectMessages, type BenchClient, type CallDone, type Implementation } from "../adapter.js";
import { requestPayload, type BenchFixtures, type JsonObject } from "../fixtures.js";
import type { Workload } from "../points.js";

/** The decoded shape of EchoRequest / EchoReply under these loader options. */
interface EchoMessage {
  payload?: { id?: number | string | null } | null;
}

/** The loader options of the grpc-node examples. */
const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

interface BenchMethods {
  readonly service: protoLoader.ServiceDefinition;
  readonly echo: protoLoader.MethodDefinition<object, object>;
  readonly download: protoLoader.MethodDefinition<object, object>;
}

function loadBench(fixtures: BenchFixtures): BenchMethods {
  const definition = protoLoader.loadSync(fixtures.protoPath, LOADER_OPTIONS);
  const service = definition["bench.v1.Bench"];
  // Message and enum definitions carry `format`; a service is a plain method map.
  if (service === undefined || "format" in service) throw new Error("grpc-js: bench.v1.Bench not found");
  const echo = service["Echo"];
  const download = service["Download"];
  if (echo === undefined || download === undefined) throw new Error("grpc-js: Echo/Download missing");
  return { service, echo, download };
}

async function startServer(fixtures: BenchFixtures): Promise<{ port: number; close(): Promise<void> }> {
  const { service } = loadBench(fixtures);
  const server = new grpc.Server();
  server.addService(service, {
    Echo(call: grpc.ServerUnaryCall<EchoMessage, EchoMessage>, callback: grpc.sendUnaryData<EchoMessage>) {
      callback(null, { payload: call.request.payload ?? null });
    },
    Download(call: grpc.ServerWritableStream<EchoMessage, EchoMessage>) {
      const payload = call.request.payload ?? null;
      const count = Math.min(Number(payload?.id ?? 0), 1_000_000);
      const reply: EchoMessage = { payload };
      for (let i = 0; i < count; i++) call.write(reply);
      call.end();
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error === null ? resolve(bound) : reject(error),
    );
  });
  return {
    port,
    close: async () => server.forceShutdown(),
  };
}

class GrpcJsClient implements BenchClient {
  constructor(
    private readonly client: grpc.Client,
    private readonly methods: BenchMethods,
    private readonly request: { payload: JsonObject },
    private readonly streaming: boolean,
  ) {}

  call(done: CallDone): void {
    if (this.streaming) this.download(done);
    else this.echo(done);
  }

  /** One echo, returning the decoded reply (used to verify). */
  echoReply(callback: (error: Error | undefined, reply: object | undefined) => void): void {
    const { path, requestSerialize, responseDeserialize } = this.methods.echo;
    this.client.makeUnaryRequest(path, requestSerialize, responseDeserialize, this.request, (error, reply) =>
      callback(error ?? undefined, reply),
    );
  }

  close(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }

  private echo(done: CallDone): void {
    this.echoReply((error) => done(error, 1));
  }

  private download(done: CallDone): void {
    const { path, requestSerialize, responseDeserialize } = this.methods.download;
    const stream = this.client.makeServerStreamRequest(path, requestSerialize, responseDeserialize, this.request);
    let messages = 0;
    // Completion needs both the end of the data and the status; either may come first.
    let pending = 2;
    let failure: Error | undefined;
    const settle = (): void => {
      if (--pending === 0) done(failure, messages);
    };
    stream.on("data", () => {
      messages++;
    });
    stream.on("error", (error: Error) => {
      failure = error;
    });
    stream.on("end", settle);
    stream.on("status", (status: grpc.StatusObject) => {
      if (status.code !== grpc.status.OK) failure ??= new Error(`grpc-js: ${status.details}`);
      settle();
    });
  }
}

async function connect(port: number, fixtures: BenchFixtures, workload: Workload): Promise<BenchClient> {
  const methods = loadBench(fixtures);
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  await new Promise<void>((resolve, reject) =>
    client.waitForReady(Date.now() + 5000, (error) => (error === undefined ? resolve() : reject(error))),
  );
  const request = { payload: requestPayload(fixtures, workload) };
  const adapter = new GrpcJsClient(client, methods, request, workload.kind === "download");
  if (workload.kind === "echo") {
    // Same layout for EchoRequest and EchoReply: the reply must re-encode to the request's bytes.
    const reply = await new Promise<object>((resolve, reject) =>
      adapter.echoReply((error, value) => (value !== undefined ? resolve(value) : reject(error))),
    );
    const sent = methods.echo.requestSerialize(request);
    if (!methods.echo.responseSerialize(reply).equals(sent)) throw new Error("grpc-js: echo reply differs");
  } else {
    expectMessages("grpc-js", await callOnce(adapter), workload.count);
  }
  return adapter;
}

/** The @grpc/grpc-js implementation. */
export const grpcJs: Implementation = { name: "grpc-js", startServer, connect };
