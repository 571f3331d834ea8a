/**
 * View-models of a service's typed stubs: the client class (`client.hbs`)
 * and the interface a server implements (`server.hbs`). The shapes are
 * runtime/STUBS.md's; every behaviour lives in the runtime's `Channel` and
 * server, so each client method is one delegating line.
 *
 * Runtime types are asked for only when a method needs them, so a file
 * imports exactly what its services use (a service of unary methods never
 * imports `RequestSource` or `StreamResult`).
 */
import type { MethodStreaming, ServiceModel } from "../model/model.js";
import { type DocView, docLines } from "./doc.js";
import type { EmitContext } from "./field-shape.js";
import type { ServiceSymbol } from "./symbols.js";

/** What the stubs need of one method besides its proto model. */
export interface StubMethodInput {
  readonly key: string;
  readonly kind: MethodStreaming;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  /** Local names of the request and response message types. */
  readonly input: string;
  readonly output: string;
  readonly doc: DocView;
}

/** One method as either stub prints it: a client method or an interface member. */
export interface StubMethodView {
  readonly key: string;
  readonly doc: DocView;
  /** `request` for one message, `requests` for a stream. */
  readonly param: string;
  readonly paramType: string;
  readonly returns: string;
}

/** One method of the client class. */
export interface ClientMethodView extends StubMethodView {
  /** The `Channel` method the call delegates to. */
  readonly call: "unary" | "serverStream" | "clientStream" | "bidi";
}

/** Everything `client.hbs` prints for one service. */
export interface ClientView {
  readonly name: string;
  readonly doc: DocView;
  /** The definition const whose `methods.<key>` each call passes. */
  readonly definition: string;
  readonly methods: readonly ClientMethodView[];
  /** `CallOptions` is imported only when the service has a method. */
  readonly rt: { readonly Channel: string; readonly CallOptions: string };
}

/** Everything `server.hbs` prints for one service. */
export interface ServerView {
  readonly name: string;
  readonly doc: DocView;
  readonly methods: readonly StubMethodView[];
  /** `CallContext` is imported only when the service has a method. */
  readonly rt: { readonly CallContext: string };
}

const channelCalls = {
  unary: "unary",
  "server-stream": "serverStream",
  "client-stream": "clientStream",
  bidi: "bidi",
} as const satisfies Record<MethodStreaming, ClientMethodView["call"]>;

/** The client class of `symbol`'s service. */
export function clientView(ctx: EmitContext, symbol: ServiceSymbol, methods: readonly StubMethodInput[]): ClientView {
  const rt = ctx.imports;
  return {
    name: symbol.client,
    doc: stubDoc(symbol.model, `Client for \`${symbol.model.fullName}\`: \`new ${symbol.client}(channel)\`.`),
    definition: symbol.name,
    methods: methods.map((m) => ({
      key: m.key,
      doc: m.doc,
      param: paramName(m),
      paramType: `${rt.runtimeType(m.requestStream ? "RequestSource" : "PartialMessage")}<${m.input}>`,
      returns: `${m.responseStream ? "AsyncIterable" : "Promise"}<${m.output}>`,
      call: channelCalls[m.kind],
    })),
    rt: { Channel: rt.runtimeType("Channel"), CallOptions: methods.length === 0 ? "" : rt.runtimeType("CallOptions") },
  };
}

/** The interface a server implements for `symbol`'s service. */
export function serverView(ctx: EmitContext, symbol: ServiceSymbol, methods: readonly StubMethodInput[]): ServerView {
  const rt = ctx.imports;
  return {
    name: symbol.server,
    doc: stubDoc(symbol.model, `What a server implements for \`${symbol.model.fullName}\`: \`server.add(${symbol.name}, impl)\`.`),
    methods: methods.map((m) => ({
      key: m.key,
      doc: m.doc,
      param: paramName(m),
      paramType: m.requestStream ? `AsyncIterable<${m.input}>` : m.input,
      returns: `${rt.runtimeType(m.responseStream ? "StreamResult" : "HandlerResult")}<${m.output}>`,
    })),
    rt: { CallContext: methods.length === 0 ? "" : rt.runtimeType("CallContext") },
  };
}

/** `request` for one message, `requests` for a stream of them. */
function paramName(m: StubMethodInput): string {
  return m.requestStream ? "requests" : "request";
}

/** The service's own comment, then what the declaration is for. */
function stubDoc(model: ServiceModel, purpose: string): DocView {
  return docLines(model.doc, [purpose]);
}
