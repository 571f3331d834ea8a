import type { PartialMessage } from "../message-type.js";
import type { MethodDefinition } from "../service-definition.js";
import type { CallOptions } from "./call-options.js";
import type { RequestSource } from "./request-pump.js";

/**
 * What generated clients call: one method per RPC shape, each taking the
 * method's definition (from the generated `XxxDefinition`), the request(s)
 * and `CallOptions`. Every failure is an `RpcError`.
 *
 * A channel hides how calls reach a server (one TCP connection today; a
 * pool, a balancer or HTTP/2 later; memory in `createInProcessChannel`), so
 * generated stubs never change when that does.
 */
export interface Channel {
  /** One request, one response. */
  unary<I extends object, O extends object>(method: MethodDefinition<I, O>, request: PartialMessage<I>, options?: CallOptions): Promise<O>;
  /**
   * One request, a stream of responses. The call starts at once; iteration
   * ends when the server ends the call OK and throws its `RpcError`
   * otherwise; leaving the loop early cancels the call.
   */
  serverStream<I extends object, O extends object>(method: MethodDefinition<I, O>, request: PartialMessage<I>, options?: CallOptions): AsyncIterable<O>;
  /** A stream of requests (sync or async iterable), one response. */
  clientStream<I extends object, O extends object>(method: MethodDefinition<I, O>, requests: RequestSource<I>, options?: CallOptions): Promise<O>;
  /** Streams both ways; requests are sent as the server grants credit. */
  bidi<I extends object, O extends object>(method: MethodDefinition<I, O>, requests: RequestSource<I>, options?: CallOptions): AsyncIterable<O>;
  /** Starts no new calls, waits for running ones, then closes connections. */
  close(): Promise<void>;
}
