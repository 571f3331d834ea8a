import { copyOut } from "../codec/slab-pool.js";
import type { Metadata } from "../metadata/metadata.js";
import type { MethodDefinition } from "../service-definition.js";
import type { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { InboundQueue, type InboundOwner } from "../transport/inbound-queue.js";
import type { CallEnv } from "./call-env.js";
import { callError, statusError } from "./call-errors.js";
import { ClientCall } from "./client-call.js";

/**
 * @internal A call whose responses stream (server-streaming and bidi), read
 * through `responses`. Iteration ends when the server ends the call OK and
 * throws its `RpcError` otherwise, after the messages that arrived before
 * the error. Leaving the loop early cancels the call (CANCEL to the server).
 * Credit goes back as messages are consumed, so a slow reader holds at most
 * one window plus one message (docs/protocol.md section 7).
 */
export class StreamResponseCall<O extends object> extends ClientCall implements InboundOwner {
  readonly responses: InboundQueue<O>;
  private ungranted = 0;

  constructor(env: CallEnv, method: MethodDefinition<object, O>) {
    super(env, method);
    this.responses = new InboundQueue<O>(method.responseType, "response", this);
  }

  onMessage(buf: Uint8Array, start: number, end: number): void {
    if (this.done) return;
    const s = this.env.settings;
    if (this.responses.buffered + (end - start) > s.initialWindow + s.maxMessageSize) {
      this.abort(callError(this, Status.RESOURCE_EXHAUSTED, "server overran the flow-control window"), Status.RESOURCE_EXHAUSTED);
      return;
    }
    this.responses.push(copyOut(buf, start, end));
  }

  onEnd(code: number, detail: string, trailers: Metadata, buf: Uint8Array, msgStart: number, msgEnd: number): void {
    if (this.done) return;
    this.finish();
    this.onTrailersCallback?.(trailers);
    if (msgStart >= 0) this.responses.push(copyOut(buf, msgStart, msgEnd));
    this.responses.end(code === Status.OK ? undefined : statusError(this, code, detail, trailers));
  }

  protected settleError(err: RpcError): void {
    this.responses.end(err);
  }

  onConsumed(bytes: number): void {
    if (this.done || this.conn === undefined) return;
    this.ungranted += bytes;
    if (this.ungranted >= this.env.settings.initialWindow / 2) {
      this.conn.grantWindow(this, this.ungranted);
      this.ungranted = 0;
    }
  }

  onStop(): void {
    this.abort(callError(this, Status.CANCELLED, "the consumer stopped reading the response stream"), Status.CANCELLED);
  }

  onDecodeError(err: RpcError): void {
    this.abort(err, Status.CANCELLED);
  }
}
