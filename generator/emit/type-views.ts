/**
 * View-models of enums and services, for `enum.hbs` and `service.hbs`.
 */
import type { EnumModel } from "../model/model.js";
import { type DocView, docLines } from "./doc.js";
import { type EmitContext, messageRef } from "./field-shape.js";
import { enumMemberName, methodKey, stringLiteral } from "./names.js";
import { type ClientView, clientView, type ServerView, serverView, type StubMethodInput } from "./stub-views.js";
import type { ServiceSymbol } from "./symbols.js";

/** Everything `enum.hbs` prints for one enum. */
export interface EnumView {
  readonly kind: "enum";
  readonly name: string;
  readonly typeName: string;
  readonly doc: DocView;
  readonly values: readonly { readonly name: string; readonly number: number; readonly doc: DocView }[];
  /** `[number, "PROTO_NAME"]` pairs for the JSON table, in declaration order. */
  readonly jsonEntries: readonly string[];
  readonly closed: boolean;
  readonly rt: { readonly EnumJson: string; readonly enumJson: string };
}

export function enumView(ctx: EmitContext, model: EnumModel, name: string): EnumView {
  return {
    kind: "enum",
    name,
    typeName: stringLiteral(model.fullName),
    doc: docLines(model.doc),
    values: model.values.map((v) => ({ name: enumMemberName(v.name), number: v.number, doc: docLines(v.doc) })),
    jsonEntries: model.values.map((v) => `[${v.number}, ${stringLiteral(v.name)}]`),
    closed: model.closed,
    rt: { EnumJson: ctx.imports.runtimeType("EnumJson"), enumJson: ctx.imports.runtime("enumJson") },
  };
}

/** One method of a service definition. */
export interface MethodView {
  readonly key: string;
  readonly name: string;
  readonly path: string;
  readonly kind: string;
  readonly requestType: string;
  readonly responseType: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  readonly idempotent: boolean;
  readonly doc: DocView;
}

/** Everything `service.hbs` (and the client/server slots) print for one service. */
export interface ServiceView {
  readonly kind: "service";
  /** Name of the definition const, `<Service>Definition`. */
  readonly name: string;
  readonly typeName: string;
  /** The service's own name, e.g. `Greeter`, for stubs built on the definition. */
  readonly serviceName: string;
  readonly doc: DocView;
  readonly methods: readonly MethodView[];
  /** The typed client class, for `client.hbs`. */
  readonly client: ClientView;
  /** The interface a server implements, for `server.hbs`. */
  readonly server: ServerView;
  readonly rt: { readonly ServiceDefinition: string };
}

export function serviceView(ctx: EmitContext, symbol: ServiceSymbol): ServiceView {
  const { model, name } = symbol;
  const taken = new Set<string>();
  const stubs: StubMethodInput[] = [];
  const methods = model.methods.map((m): MethodView => {
    const where = `${model.fullName}.${m.name}`;
    let key = methodKey(m.name);
    while (taken.has(key)) key += "$";
    taken.add(key);
    const requestType = messageRef(ctx, m.input, where).value;
    const responseType = messageRef(ctx, m.output, where).value;
    const doc = docLines(m.doc);
    const requestStream = m.kind === "client-stream" || m.kind === "bidi";
    const responseStream = m.kind === "server-stream" || m.kind === "bidi";
    // Message consts and interfaces share a name, so the value names serve as types.
    stubs.push({ key, kind: m.kind, requestStream, responseStream, input: requestType, output: responseType, doc });
    return {
      key,
      name: stringLiteral(m.name),
      path: stringLiteral(`/${model.fullName}/${m.name}`),
      kind: stringLiteral(m.kind),
      requestType,
      responseType,
      requestStream,
      responseStream,
      idempotent: m.idempotency !== "unknown",
      doc,
    };
  });
  return {
    kind: "service",
    name,
    typeName: stringLiteral(model.fullName),
    serviceName: model.fullName.slice(model.fullName.lastIndexOf(".") + 1),
    doc: docLines(model.doc),
    methods,
    client: clientView(ctx, symbol, stubs),
    server: serverView(ctx, symbol, stubs),
    rt: { ServiceDefinition: ctx.imports.runtimeType("ServiceDefinition") },
  };
}
