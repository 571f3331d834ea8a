import { serialize } from "../framing/serialize.js";
import type { PartialMessage } from "../message-type.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { callError } from "./call-errors.js";
import type { ClientCall } from "./client-call.js";

/** Requests of a client-streaming or bidi call, as users may pass them. */
export type RequestSource<I> = AsyncIterable<PartialMessage<I>> | Iterable<PartialMessage<I>>;

/**
 * @internal Sends the messages of `source` on `call`, then half-closes.
 * Waits while the server's credit is used up or the socket is full, so a
 * fast producer cannot grow memory (docs/protocol.md section 7). Stops (and
 * closes the source) as soon as the call ends. A source that throws cancels
 * the call with CANCELLED, naming the cause.
 */
export async function pumpRequests<I extends object>(call: ClientCall, source: RequestSource<I>): Promise<void> {
  const type = call.method.requestType;
  try {
    for await (const request of source) {
      if (call.done) return;
      const bytes = serialize(type, request as PartialMessage<object>);
      while (!call.done && call.blocked) await call.waitWritable();
      const conn = call.conn;
      if (call.done || conn === undefined) return;
      call.replayable = false;
      call.sendWindow -= bytes.length;
      conn.sendMessage(call, bytes);
    }
    if (!call.done) call.conn?.sendHalfClose(call);
  } catch (err) {
    const cause = err instanceof RpcError ? err : undefined;
    call.abort(cause ?? callError(call, Status.CANCELLED, `request stream threw: ${err instanceof Error ? err.message : String(err)}`, err), Status.CANCELLED);
  }
}
