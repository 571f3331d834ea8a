/**
 * The generated stubs at the type level: usage files compiled in memory
 * (strict, noUncheckedIndexedAccess) against the stubs generated from
 * fixtures/proto/service/service.proto. Correct use compiles clean; each
 * misuse must be a compile error at the line that commits it.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { before, test } from "node:test";
import ts from "typescript";
import { emitSchema } from "../generator/emit/emit-schema.js";
import { loadSchema } from "../generator/load/load-schema.js";
import type { GeneratedFile } from "../generator/options.js";
import { repoRoot } from "./cli-harness.js";
import { fixturesRoot, testOptions, typeCheck } from "./emit-harness.js";

const rt = JSON.stringify(testOptions().runtimeImport);
const header = [
  'import { StoreClient, StoreDefinition, type StoreService, type GetRequest, type GetResponse } from "./service/service.js";',
  'import type { Empty } from "./google/protobuf/empty.js";',
  `import { createServer, type CallContext, type Channel, type PartialMessage, type ServiceImpl } from ${rt};`,
  "declare const channel: Channel;",
  "const client = new StoreClient(channel);",
  "const reply = (): PartialMessage<GetResponse> => ({ value: new Uint8Array(1) });",
  // The compile has only lib.es2022 (no TextEncoder): a stand-in for encoding.
  "const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));",
  "void client; void reply; void bytes;",
].join("\n");
/** Lines of `header`, so a diagnostic's line number points into the body. */
const headerLines = header.split("\n").length;

/** A usage file: the shared header, then `body`. */
function usage(...body: string[]): string {
  return `${header}\n${body.join("\n")}\n`;
}

/** A complete, correct implementation, as a class; `override` replaces one member's text. */
function implClass(override: Record<string, string> = {}): string {
  const members: Record<string, string> = {
    get: "get(request: GetRequest, context: CallContext): PartialMessage<GetResponse> { void context; return { value: bytes(request.key) }; }",
    put: "async put(): Promise<Empty> { return {}; }",
    delete: "delete(): PartialMessage<Empty> { return {}; }",
    touch: "touch() { return {}; }",
    watch: "async *watch(request: GetRequest) { yield { value: bytes(request.key) }; }",
    upload: "async upload(requests: AsyncIterable<GetRequest>) { let n = 0; for await (const r of requests) n += r.key.length; return { value: new Uint8Array(n) }; }",
    sync: "async *sync(requests: AsyncIterable<GetRequest>, context: CallContext) { for await (const r of requests) { if (context.cancelled) return; yield { value: bytes(r.key) }; } }",
    list: "*list() { yield reply(); }",
    ...override,
  };
  return `class Store implements StoreService {\n${Object.values(members).map((m) => `  ${m}`).join("\n")}\n}`;
}

/** A complete implementation as an object literal (parameter types inferred), on one line. */
function implLiteral(override: Record<string, string> = {}): string {
  const members: Record<string, string> = {
    get: "get: (req) => ({ value: bytes(req.key) })",
    put: "put: async () => ({})",
    delete: "delete: () => ({})",
    touch: "touch: () => Promise.resolve({})",
    watch: "*watch(req) { yield { value: bytes(req.key) }; }",
    upload: "async upload(reqs) { for await (const r of reqs) void r.key; return {}; }",
    sync: "async *sync(reqs, ctx) { for await (const r of reqs) yield { value: bytes(r.key + ctx.peer) }; }",
    list: "list: () => [reply(), reply()]",
    ...override,
  };
  return `{ ${Object.values(members).join(", ")} }`;
}

const good = usage(
  implClass(),
  "createServer().add(StoreDefinition, new Store());",
  `createServer().add(StoreDefinition, ${implLiteral()});`,
  // The interface and the runtime's view of the definition are the same type, both ways.
  "declare const asService: StoreService;",
  "declare const asImpl: ServiceImpl<typeof StoreDefinition>;",
  "const fromService: ServiceImpl<typeof StoreDefinition> = asService;",
  "const fromImpl: StoreService = asImpl;",
  "void fromService; void fromImpl;",
  // Client calls: partial requests in, full messages out, each kind's result type.
  "async function calls(): Promise<void> {",
  '  const one: GetResponse = await client.get({ key: "k" }, { timeoutMs: 100, metadata: { a: "b" } });',
  "  const empty: Empty = await client.put({});",
  '  for await (const r of client.watch({ key: "w" })) { const bytes: Uint8Array = r.value; void bytes; }',
  '  const up: GetResponse = await client.upload([{ key: "a" }, {}]);',
  '  async function* gen() { yield { key: "x" }; }',
  "  const up2: Promise<GetResponse> = client.upload(gen());",
  '  const both: AsyncIterable<GetResponse> = client.sync(gen(), { deadline: Date.now() + 10 });',
  "  const listed: AsyncIterable<GetResponse> = client.list({}, { parent: null });",
  "  void one; void empty; void up; void up2; void both; void listed;",
  "}",
  "void calls;",
);

/** Misuses, each with the diagnostic it must produce (on the line after the header). */
const bad: Record<string, { body: string; error: RegExp }> = {
  "unary-handler-returns-number.ts": {
    body: `createServer().add(StoreDefinition, ${implLiteral({ get: "get: () => 42" })});`,
    error: /Type 'number' is not assignable to type 'HandlerResult<GetResponse>'/,
  },
  "class-handler-returns-wrong-message.ts": {
    body: implClass({ get: "get(): { value: string } { return { value: 'text' }; }" }).replace(/\n/g, " "),
    error: /Property 'get' in type 'Store' is not assignable to the same property in base type 'StoreService'[\s\S]*Type 'string' is not assignable to type 'Uint8Array/,
  },
  "handler-takes-wrong-request.ts": {
    body: implClass({ get: "get(request: GetResponse) { return { value: request.value }; }" }).replace(/\n/g, " "),
    error: /Property 'get' in type 'Store' is not assignable to the same property in base type 'StoreService'[\s\S]*Property 'value' is missing in type 'GetRequest'/,
  },
  "server-stream-handler-returns-one-reply.ts": {
    body: implClass({ watch: "async watch() { return reply(); }" }).replace(/\n/g, " "),
    error: /Property 'watch' in type 'Store' is not assignable[\s\S]*Type 'Promise<PartialMessage<GetResponse>>' is not assignable to type 'StreamResult<GetResponse>'/,
  },
  "client-stream-handler-takes-one-request.ts": {
    body: implClass({ upload: "upload(request: GetRequest) { return { value: bytes(request.key) }; }" }).replace(/\n/g, " "),
    error: /Property 'upload' in type 'Store' is not assignable[\s\S]*Property 'key' is missing in type 'AsyncIterable<GetRequest>'/,
  },
  "client-wrong-request-field.ts": {
    body: "void client.get({ key: 5 });",
    error: /Type 'number' is not assignable to type 'string'/,
  },
  "client-unknown-request-field.ts": {
    body: 'void client.get({ name: "k" });',
    error: /Object literal may only specify known properties, and 'name' does not exist/,
  },
  "client-stream-given-one-message.ts": {
    body: 'void client.upload({ key: "k" });',
    error: /'key' does not exist in type 'RequestSource<GetRequest>'/,
  },
  "client-server-stream-awaited-as-one.ts": {
    body: "const p: Promise<GetResponse> = client.watch({});",
    error: /Type 'AsyncIterable<GetResponse>' is missing the following properties from type 'Promise<GetResponse>'/,
  },
  "client-unary-reply-is-full-message.ts": {
    body: "async function f(): Promise<string> { return (await client.get({})).key; }",
    error: /Property 'key' does not exist on type 'GetResponse'/,
  },
  "client-bad-option.ts": {
    body: 'void client.get({}, { timeout: 5 });',
    error: /'timeout' does not exist in type 'CallOptions'/,
  },
  "literal-stream-handler-yields-wrong-field.ts": {
    body: `createServer().add(StoreDefinition, ${implLiteral({ watch: "*watch() { yield { key: 'k' }; }" })});`,
    error: /Type '\{ key: string; \}' has no properties in common with type 'PartialMessage<GetResponse>'/,
  },
  "literal-bidi-handler-reads-wrong-field.ts": {
    body: `createServer().add(StoreDefinition, ${implLiteral({ sync: "async *sync(reqs) { for await (const r of reqs) yield { value: r.value }; }" })});`,
    error: /Property 'value' does not exist on type 'GetRequest'/,
  },
  "server-add-missing-method.ts": {
    body: "createServer().add(StoreDefinition, { get: () => reply() });",
    error: /missing the following properties from type 'ServiceImpl<[^\n]*: put, delete, touch, watch, and 3 more\.$/,
  },
};

let generated: GeneratedFile[] = [];
let diagnostics: string[] = [];

before(async () => {
  const model = await loadSchema({ protoPaths: [fixturesRoot], files: ["service/service.proto"] });
  generated = emitSchema(model, testOptions());
  const extra: Record<string, string> = { "good.ts": good };
  for (const [name, { body }] of Object.entries(bad)) extra[name] = usage(body);
  // One program for every case: a compile per case would cost seconds each.
  diagnostics = typeCheck(generated, extra);
});

test("correct use of the generated client and service interface compiles clean", () => {
  assert.ok(generated.some((f) => f.name === "service/service.ts"));
  assert.deepEqual(diagnostics.filter((d) => !Object.keys(bad).some((name) => d.startsWith(`${name}:`))), []);
});

for (const [name, { error }] of Object.entries(bad)) {
  test(`compile error: ${name.replace(/\.ts$/, "").replace(/-/g, " ")}`, () => {
    const mine = diagnostics.filter((d) => d.startsWith(`${name}:`));
    assert.equal(mine.length, 1, mine.join("\n"));
    const [first = ""] = mine;
    assert.match(first, new RegExp(`^${name.replace(/\./g, "\\.")}:${headerLines + 1}: `));
    assert.match(first, error);
  });
}

test("the committed stubs also pass the lint-like checks users turn on (unused names, implicit returns)", () => {
  // An empty service's client takes `_channel` and keeps nothing, so even
  // noUnusedParameters/noUnusedLocals users can compile every generated file.
  const files = ["service/service.ts", "bench/v1/bench.ts", "comments/comments.ts", "grpc/testing/test.ts"].map((f) => path.join(repoRoot, "fixtures/gen", f));
  const program = ts.createProgram(files, {
    strict: true,
    noUncheckedIndexedAccess: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    verbatimModuleSyntax: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ["node"],
    skipLibCheck: true,
    noEmit: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  assert.deepEqual(diagnostics, []);
});
