import type { PartialMessage } from "../message-type.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import { STREAM_BURST, yieldToIo } from "../transport/yield.js";
import { callError } from "./call-errors.js";
import type { ClientCall } from "./client-call.js";

/** Requests of a client-streaming or bidi call, as users may pass them. */
export type RequestSource<I> = AsyncIterable<PartialMessage<I>> | Iterable<PartialMessage<I>>;

/**
 * @internal Sends the messages of `source` on `call`, then half-closes.
 * Waits while the server's credit is used up or the socket is full, so a
 * fast producer cannot grow memory (docs/protocol.md section 7). Stops (and
 * closes the source) as soon as the call ends. A source that throws cancels
 * the call with CANCELLED, naming the cause. Sync iterables (arrays,
 * generators) are pulled without a promise per message.
 */
export async function pumpRequests<I extends object>(call: ClientCall, source: RequestSource<I>): Promise<void> {
  try {
    if (Symbol.asyncIterator in source) await pumpAsync(call, source);
    else await pumpSync(call, source);
    if (!call.done) call.conn?.sendHalfClose(call);
  } catch (err) {
    const cause = err instanceof RpcError ? err : undefined;
    call.abort(cause ?? callError(call, Status.CANCELLED, `request stream threw: ${err instanceof Error ? err.message : String(err)}`, err), Status.CANCELLED);
  }
}

async function pumpAsync<I extends object>(call: ClientCall, source: AsyncIterable<PartialMessage<I>>): Promise<void> {
  let burst = 0;
  for await (const request of source) {
    if (call.done) return;
    while (!call.done && call.blocked) await call.waitWritable();
    if (++burst === STREAM_BURST) {
      burst = 0;
      await yieldToIo();
    }
    if (!send(call, request as PartialMessage<object>)) return;
  }
}

async function pumpSync<I extends object>(call: ClientCall, source: Iterable<PartialMessage<I>>): Promise<void> {
  const it = source[Symbol.iterator]();
  let burst = 0;
  try {
    for (;;) {
      while (!call.done && call.blocked) await call.waitWritable();
      if (++burst === STREAM_BURST) {
        burst = 0;
        await yieldToIo();
      }
      if (call.done) return;
      const r = it.next();
      if (r.done === true) return;
      if (!send(call, r.value as PartialMessage<object>)) return;
    }
  } finally {
    // Close a generator left early (call ended, or an error above).
    if (call.done) it.return?.();
  }
}

/** Sends one message (its connection encodes it); false when the call is over. */
function send(call: ClientCall, message: PartialMessage<object>): boolean {
  const conn = call.conn;
  if (call.done || conn === undefined) return false;
  call.replayable = false;
  conn.sendMessage(call, message);
  return !call.done;
}
