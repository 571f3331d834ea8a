import type { MessageType } from "./message-type.js";

/** The four shapes of an RPC, named by which side streams. */
export type MethodKind = "unary" | "server-stream" | "client-stream" | "bidi";

/**
 * One RPC method as generated from a `.proto` service. Transports, servers
 * and clients need nothing else to carry a call.
 */
export interface MethodDefinition<I extends object = object, O extends object = object> {
  /** Method name as written in the .proto, e.g. "SayHello". */
  readonly name: string;
  /** Wire path, "/" + fully qualified service + "/" + method. */
  readonly path: string;
  readonly kind: MethodKind;
  readonly requestType: MessageType<I>;
  readonly responseType: MessageType<O>;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  /** From `idempotency_level` (IDEMPOTENT or NO_SIDE_EFFECTS): safe to retry. */
  readonly idempotent: boolean;
}

/** A service: its fully qualified name and its methods keyed by lowerCamelCase name. */
export interface ServiceDefinition<
  M extends { readonly [key: string]: MethodDefinition } = { readonly [key: string]: MethodDefinition },
> {
  readonly typeName: string;
  readonly methods: M;
}
