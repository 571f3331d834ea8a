import { runWithContext } from "../context/propagation.js";
import { deserializeRange } from "../framing/serialize.js";
import type { PartialMessage } from "../message-type.js";
import { Status } from "../status/status.js";
import { STREAM_BURST, yieldToIo } from "../transport/yield.js";
import type { ServerCall } from "./server-call.js";
import type { AnyHandler, StreamResult } from "./service-impl.js";

/**
 * @internal Runs handlers and turns what they return into frames. The unary
 * path does no allocation of its own when the handler answers synchronously,
 * and one async frame when it returns a promise.
 */

/** A unary or server-streaming call got its one request, `buf[start, end)`. */
export function dispatchSingleRequest(call: ServerCall, buf: Uint8Array, start: number, end: number): void {
  let request: object;
  try {
    request = deserializeRange(call.route.method.requestType, buf, start, end, "request");
  } catch (err) {
    call.endWithError(err);
    return;
  }
  run(call, request);
}

/** A client-streaming or bidi call starts: the handler gets `call.requests`. */
export function dispatchRequestStream(call: ServerCall): void {
  run(call, call.requests);
}

function run(call: ServerCall, input: unknown): void {
  const route = call.route;
  if (route.handler === undefined) {
    call.endWithStatus(Status.UNIMPLEMENTED, `method ${route.method.path} is not implemented by the server`);
    return;
  }
  let result: unknown;
  try {
    result = call.sink.env.propagateContext ? runWithContext(call, invokeHandler, call, input) : invokeHandler(call, input);
  } catch (err) {
    call.endWithError(err);
    return;
  }
  if (route.method.responseStream) void pumpResponses(call, result as StreamResult<object>);
  else if (isThenable(result)) void awaitReply(call, result);
  else call.respond(result as PartialMessage<object>);
}

function isSyncIterable(value: unknown): value is Iterable<PartialMessage<object>> {
  return typeof value === "object" && value !== null && Symbol.iterator in value && !(Symbol.asyncIterator in value);
}

/**
 * `pumpResponses` for a sync generator or array: messages are pulled in a
 * plain loop while credit and the socket allow, so a stream costs no
 * promise per message (only one per wait).
 */
async function pumpSync(call: ServerCall, source: Iterable<PartialMessage<object>>): Promise<void> {
  const it = source[Symbol.iterator]();
  let burst = 0;
  try {
    for (;;) {
      while (!call.ended && call.blocked) await call.waitWritable();
      if (++burst === STREAM_BURST) {
        burst = 0;
        await yieldToIo();
      }
      if (call.ended) {
        it.return?.();
        return;
      }
      const r = it.next();
      if (r.done === true) break;
      call.sendMessage(r.value);
    }
    call.endWithStatus(Status.OK, "");
  } catch (err) {
    call.endWithError(err);
  }
}

function invokeHandler(call: ServerCall, input: unknown): unknown {
  return (call.route.handler as AnyHandler).call(call.route.impl, input, call);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

async function awaitReply(call: ServerCall, pending: PromiseLike<unknown>): Promise<void> {
  let result: unknown;
  try {
    result = await pending;
  } catch (err) {
    call.endWithError(err);
    return;
  }
  call.respond(result as PartialMessage<object>);
}

/**
 * Sends what a streaming handler yields, waiting for credit and socket
 * drain between messages (RELIABILITY H2: a slow reader bounds the server's
 * memory), then ends the call OK. Stops pulling (and closes the generator)
 * once the call has ended for any reason.
 */
async function pumpResponses(call: ServerCall, source: StreamResult<object>): Promise<void> {
  if (isSyncIterable(source)) return pumpSync(call, source);
  let burst = 0;
  try {
    for await (const message of source) {
      if (call.ended) break;
      if (++burst === STREAM_BURST) {
        burst = 0;
        await yieldToIo();
      }
      while (!call.ended && call.blocked) await call.waitWritable();
      if (call.ended) break;
      call.sendMessage(message as PartialMessage<object>);
    }
    call.endWithStatus(Status.OK, "");
  } catch (err) {
    call.endWithError(err);
  }
}
