/**
 * The generated client class and service interface (runtime/STUBS.md) on
 * hand-built models: the exact text, names and their `$` escapes, imports
 * limited to what a service uses, TSDoc, and a strict type check of the
 * awkward cases.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { emitSchema } from "../generator/emit/emit-schema.js";
import type { DocModel, MethodModel, MethodStreaming, ServiceModel } from "../generator/model/model.js";
import { field, file, message, noDoc, schema, testOptions, typeCheck } from "./emit-harness.js";

const FILE = "hello/greeter.proto";

function rpc(name: string, kind: MethodStreaming, doc: DocModel = noDoc, input = "HelloRequest", output = "HelloReply"): MethodModel {
  return {
    name,
    kind,
    input: { fullName: `helloworld.${input}`, file: FILE },
    output: { fullName: `helloworld.${output}`, file: FILE },
    idempotency: "unknown",
    doc,
  };
}

/** helloworld.Greeter with one method of each kind, plus whatever `extra` adds. */
function greeterFile(services: ServiceModel[], extraMessages: string[] = []): string {
  const files = emitSchema(
    schema(
      file(FILE, "helloworld", {
        messages: [
          message("helloworld.HelloRequest", [field("name", 1, "string")]),
          message("helloworld.HelloReply", [field("message", 1, "string")]),
          ...extraMessages.map((m) => message(`helloworld.${m}`, [])),
        ],
        services,
      }),
    ),
    testOptions({ runtimeImport: "protostub/runtime" }),
  );
  return files[0]?.content ?? "";
}

const greeter: ServiceModel = {
  fullName: "helloworld.Greeter",
  doc: { leading: " The greeting service.", deprecated: false },
  methods: [
    rpc("SayHello", "unary", { leading: " Sends a greeting.", deprecated: false }),
    rpc("LotsOfReplies", "server-stream"),
    rpc("LotsOfGreetings", "client-stream"),
    rpc("BidiHello", "bidi", { deprecated: true }),
  ],
};

/** The text after the definition: exactly the shape runtime/STUBS.md asks for. */
const expectedStubs = `
/**
 * The greeting service.
 *
 * Client for \`helloworld.Greeter\`: \`new GreeterClient(channel)\`.
 */
export class GreeterClient {
  readonly #channel: Channel;

  constructor(channel: Channel) {
    this.#channel = channel;
  }

  /** Sends a greeting. */
  sayHello(request: PartialMessage<HelloRequest>, options?: CallOptions): Promise<HelloReply> {
    return this.#channel.unary(GreeterDefinition.methods.sayHello, request, options);
  }

  lotsOfReplies(request: PartialMessage<HelloRequest>, options?: CallOptions): AsyncIterable<HelloReply> {
    return this.#channel.serverStream(GreeterDefinition.methods.lotsOfReplies, request, options);
  }

  lotsOfGreetings(requests: RequestSource<HelloRequest>, options?: CallOptions): Promise<HelloReply> {
    return this.#channel.clientStream(GreeterDefinition.methods.lotsOfGreetings, requests, options);
  }

  /** @deprecated */
  bidiHello(requests: RequestSource<HelloRequest>, options?: CallOptions): AsyncIterable<HelloReply> {
    return this.#channel.bidi(GreeterDefinition.methods.bidiHello, requests, options);
  }
}

/**
 * The greeting service.
 *
 * What a server implements for \`helloworld.Greeter\`: \`server.add(GreeterDefinition, impl)\`.
 */
export interface GreeterService {
  /** Sends a greeting. */
  sayHello(request: HelloRequest, context: CallContext): HandlerResult<HelloReply>;
  lotsOfReplies(request: HelloRequest, context: CallContext): StreamResult<HelloReply>;
  lotsOfGreetings(requests: AsyncIterable<HelloRequest>, context: CallContext): HandlerResult<HelloReply>;
  /** @deprecated */
  bidiHello(requests: AsyncIterable<HelloRequest>, context: CallContext): StreamResult<HelloReply>;
}
`;

/** The runtime import's names, as printed one a line. */
function runtimeNames(content: string): string[] {
  const block = /import \{\n([\s\S]*?)\} from "protostub\/runtime";/.exec(content)?.[1] ?? "";
  return block.split("\n").map((l) => l.trim().replace(/,$/, "")).filter((l) => l !== "");
}

test("after each definition: the client class and service interface, exactly the STUBS.md shape", () => {
  const content = greeterFile([greeter]);
  const after = content.slice(content.indexOf("} as const satisfies ServiceDefinition;\n") + "} as const satisfies ServiceDefinition;\n".length);
  const stubs = after.slice(0, after.indexOf("\n\n// Lets google.protobuf.Any") + 1);
  assert.equal(stubs, expectedStubs);
});

test("the runtime types the stubs use are imported type-only, and only those", () => {
  assert.deepEqual(
    runtimeNames(greeterFile([greeter])).filter((n) => /Call|Channel|Result|Partial|RequestSource/.test(n)),
    ["type CallContext", "type CallOptions", "type Channel", "type HandlerResult", "type PartialMessage", "type RequestSource", "type StreamResult"],
  );
  const unaryOnly = greeterFile([{ fullName: "helloworld.Greeter", doc: noDoc, methods: [rpc("SayHello", "unary")] }]);
  assert.doesNotMatch(unaryOnly, /RequestSource|StreamResult/);
  const streamsOnly = greeterFile([{ fullName: "helloworld.Greeter", doc: noDoc, methods: [rpc("Chat", "bidi")] }]);
  // Message write functions take partial messages, so the files import PartialMessage; stubs are checked from their definition on.
  const stubsOf = (content: string): string => content.slice(content.indexOf("satisfies ServiceDefinition"));
  assert.doesNotMatch(streamsOnly, /HandlerResult/);
  assert.doesNotMatch(stubsOf(streamsOnly), /PartialMessage/);
  // A service without methods needs a channel for its constructor and nothing else.
  const empty = greeterFile([{ fullName: "helloworld.Nothing", doc: noDoc, methods: [] }]);
  assert.doesNotMatch(empty, /CallOptions|CallContext|RequestSource|Result/);
  assert.doesNotMatch(stubsOf(empty), /PartialMessage/);
  assert.match(empty, /export class NothingClient \{\n {2}\/\/ [^\n]*\n {2}constructor\(_channel: Channel\) \{\}\n\}/);
  assert.match(empty, /export interface NothingService \{\n\}/);
});

test("a service's deprecation and comments reach the class and the interface", () => {
  const content = greeterFile([{ ...greeter, doc: { leading: " Old.\n Two lines.", trailing: " After.", deprecated: true } }]);
  const doc = "/**\n * Old.\n * Two lines.\n *\n * After.\n *\n * %s\n * @deprecated\n */\n";
  assert.ok(content.includes(`${doc.replace("%s", "Client for `helloworld.Greeter`: `new GreeterClient(channel)`.")}export class GreeterClient {`));
  assert.ok(content.includes(`${doc.replace("%s", "What a server implements for `helloworld.Greeter`: `server.add(GreeterDefinition, impl)`.")}export interface GreeterService {`));
  // A comment cannot close the TSDoc early.
  const sneaky = greeterFile([{ ...greeter, methods: [rpc("SayHello", "unary", { leading: " ends */ here", deprecated: false })] }]);
  assert.match(sneaky, /\/\*\* ends \*\\\/ here \*\/\n {2}sayHello\(request/);
});

test("stub names collide like any name: `$` escapes, runtime imports aliased, and it all type-checks", () => {
  const svc: ServiceModel = {
    fullName: "helloworld.Greeter",
    doc: noDoc,
    methods: [
      rpc("Constructor", "unary"),
      rpc("ToString", "server-stream"),
      rpc("Foo", "unary"),
      rpc("foo", "bidi"),
      rpc("Channel", "client-stream", noDoc, "Channel", "CallContext"),
      rpc("Then", "unary"),
    ],
  };
  const content = greeterFile([svc], ["GreeterClient", "GreeterService", "Channel", "CallContext"]);
  assert.match(content, /export class GreeterClient\$ \{/);
  assert.match(content, /export interface GreeterService\$ \{/);
  assert.match(content, /readonly #channel: Channel\$1;/);
  assert.match(content, /constructor\$\(request: PartialMessage<HelloRequest>, options\?: CallOptions\): Promise<HelloReply> \{\n\s+return this\.#channel\.unary\(GreeterDefinition\.methods\.constructor\$, request, options\);/);
  assert.match(content, /toString\$\(request: HelloRequest, context: CallContext\$1\): StreamResult<HelloReply>;/);
  assert.match(content, /foo\$\(requests: RequestSource<HelloRequest>, options\?: CallOptions\): AsyncIterable<HelloReply>/);
  assert.match(content, /channel\(requests: AsyncIterable<Channel>, context: CallContext\$1\): HandlerResult<CallContext>;/);
  assert.ok(runtimeNames(content).includes("type Channel as Channel$1"));
  // A `then` method would make the client a thenable that `await` calls.
  assert.match(content, /\n {4}then\$: \{\n {6}name: "Then",/);
  assert.match(content, /\n {2}then\$\(request: PartialMessage<HelloRequest>, options\?: CallOptions\): Promise<HelloReply> \{/);
  assert.match(content, /\n {2}then\$\(request: HelloRequest, context: CallContext\$1\): HandlerResult<HelloReply>;/);

  const files = emitSchema(schema(file(FILE, "helloworld", {
    messages: ["HelloRequest", "HelloReply", "GreeterClient", "GreeterService", "Channel", "CallContext"].map((m) => message(`helloworld.${m}`, [field("name", 1, "string")])),
    services: [svc],
  })), testOptions());
  const usage = [
    'import { GreeterClient$, GreeterDefinition, type GreeterService$, type Channel as ChannelMessage } from "./hello/greeter.js";',
    `import type { Channel, ServiceImpl } from ${JSON.stringify(testOptions().runtimeImport)};`,
    "declare const channel: Channel;",
    "const client = new GreeterClient$(channel);",
    'const reply: Promise<{ name: string }> = client.constructor$({ name: "x" });',
    "const replies: AsyncIterable<{ name: string }> = client.toString$({});",
    'const sent: Promise<{ name: string }> = client.channel([{ name: "a" }] satisfies Partial<ChannelMessage>[]);',
    "async function make(): Promise<GreeterClient$> { return client; }",
    "const awaited: Promise<GreeterClient$> = make();",
    "declare const impl: GreeterService$;",
    "const asImpl: ServiceImpl<typeof GreeterDefinition> = impl;",
    "void reply; void replies; void sent; void asImpl; void awaited;",
  ].join("\n");
  assert.deepEqual(typeCheck(files, { "usage.ts": usage }), []);
});

test("stubs are deterministic and leave the definition as it was", () => {
  assert.equal(greeterFile([greeter]), greeterFile([greeter]));
  assert.match(greeterFile([greeter]), /\/\*\* The greeting service\. \*\/\nexport const GreeterDefinition = \{/);
});
