import type { CallContext } from "../context/call-context.js";
import type { MessageType, PartialMessage } from "../message-type.js";
import type { MethodDefinition, ServiceDefinition } from "../service-definition.js";

/** What a unary or client-streaming handler returns: the reply, or a promise of it. */
export type HandlerResult<O> = PartialMessage<O> | Promise<PartialMessage<O>>;
/** What a server-streaming or bidi handler returns: replies, usually from an async generator. */
export type StreamResult<O> = AsyncIterable<PartialMessage<O>> | Iterable<PartialMessage<O>>;

export type UnaryHandler<I, O> = (request: I, context: CallContext) => HandlerResult<O>;
export type ServerStreamHandler<I, O> = (request: I, context: CallContext) => StreamResult<O>;
export type ClientStreamHandler<I, O> = (requests: AsyncIterable<I>, context: CallContext) => HandlerResult<O>;
export type BidiHandler<I, O> = (requests: AsyncIterable<I>, context: CallContext) => StreamResult<O>;

/** Request message type of a method definition. */
export type RequestOf<M> = M extends { readonly requestType: MessageType<infer I> } ? I : never;
/** Response message type of a method definition. */
export type ResponseOf<M> = M extends { readonly responseType: MessageType<infer O> } ? O : never;

/**
 * The handler type for one method, chosen by its `kind`. Generated
 * definitions keep `kind` as a literal type; with a widened `kind` any of
 * the four shapes is accepted.
 */
export type HandlerFor<M> = M extends { readonly kind: "unary" }
  ? UnaryHandler<RequestOf<M>, ResponseOf<M>>
  : M extends { readonly kind: "server-stream" }
    ? ServerStreamHandler<RequestOf<M>, ResponseOf<M>>
    : M extends { readonly kind: "client-stream" }
      ? ClientStreamHandler<RequestOf<M>, ResponseOf<M>>
      : M extends { readonly kind: "bidi" }
        ? BidiHandler<RequestOf<M>, ResponseOf<M>>
        :
            | UnaryHandler<RequestOf<M>, ResponseOf<M>>
            | ServerStreamHandler<RequestOf<M>, ResponseOf<M>>
            | ClientStreamHandler<RequestOf<M>, ResponseOf<M>>
            | BidiHandler<RequestOf<M>, ResponseOf<M>>;

/**
 * What `server.add(definition, impl)` takes: one handler per method of the
 * service, keyed like `definition.methods` (lowerCamelCase). Handlers are
 * called as methods of `impl`, so a class instance works.
 */
export type ServiceImpl<D extends ServiceDefinition> = {
  [K in keyof D["methods"]]: HandlerFor<D["methods"][K]>;
};

/** @internal Any handler, as the server stores it. */
export type AnyHandler = (this: object, input: unknown, context: CallContext) => unknown;

/** @internal A method's definition with its handler. */
export interface Route {
  readonly method: MethodDefinition;
  readonly impl: object;
  /** Undefined when the implementation lacks the method: UNIMPLEMENTED. */
  readonly handler: AnyHandler | undefined;
}
