import { copyOut } from "../codec/slab-pool.js";
import { deserializeRange } from "../framing/serialize.js";
import type { MessageType } from "../message-type.js";
import type { Metadata } from "../metadata/metadata.js";
import type { MethodDefinition } from "../service-definition.js";
import type { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import type { CallEnv } from "./call-env.js";
import { callError, statusError } from "./call-errors.js";
import { ClientCall } from "./client-call.js";

// The promise executor stores its resolvers here instead of closing over the
// call: one shared function instead of a closure per call.
let capturedResolve: ((value: never) => void) | undefined;
let capturedReject: ((reason: RpcError) => void) | undefined;
function capture(resolve: (value: never) => void, reject: (reason: RpcError) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * @internal A call with exactly one response message: unary and
 * client-streaming. Settles `promise` once. A second response message, or
 * an OK status without one, is a cardinality violation: UNIMPLEMENTED
 * (RELIABILITY A7).
 */
export class SingleResponseCall<O extends object> extends ClientCall {
  readonly promise: Promise<O>;
  private readonly resolve: (value: O) => void;
  private readonly reject: (reason: RpcError) => void;
  /** A response that came in its own MESSAGE frame, before END. */
  private response: Uint8Array | undefined = undefined;
  private readonly responseType: MessageType<O>;

  constructor(env: CallEnv, method: MethodDefinition<object, O>) {
    super(env, method);
    this.responseType = method.responseType;
    this.promise = new Promise<O>(capture);
    this.resolve = capturedResolve as (value: O) => void;
    this.reject = capturedReject as (reason: RpcError) => void;
  }

  onMessage(buf: Uint8Array, start: number, end: number): void {
    if (this.done) return;
    if (this.response !== undefined) {
      this.abort(callError(this, Status.UNIMPLEMENTED, "server sent a second response message to a single-response call"), Status.CANCELLED);
      return;
    }
    this.response = copyOut(buf, start, end);
  }

  onEnd(code: number, detail: string, trailers: Metadata, buf: Uint8Array, msgStart: number, msgEnd: number): void {
    if (this.done) return;
    this.finish();
    this.onTrailersCallback?.(trailers);
    if (code !== Status.OK) {
      this.reject(statusError(this, code, detail, trailers));
      return;
    }
    const earlier = this.response;
    if ((msgStart < 0) === (earlier === undefined)) {
      const what = msgStart < 0 ? "server ended the call OK without a response message" : "server sent two response messages";
      this.reject(callError(this, Status.UNIMPLEMENTED, what));
      return;
    }
    try {
      const reply =
        earlier === undefined
          ? deserializeRange(this.responseType, buf, msgStart, msgEnd, "response")
          : deserializeRange(this.responseType, earlier, 0, earlier.length, "response");
      this.resolve(reply);
    } catch (err) {
      this.reject(err as RpcError);
    }
  }

  protected settleError(err: RpcError): void {
    this.reject(err);
  }
}
