import type { CallContext } from "../context/call-context.js";
import { currentCallContext, scopeOf } from "../context/propagation.js";
import { REQUEST_ID_KEY } from "../framing/constants.js";
import type { PartialMessage } from "../message-type.js";
import { type Metadata, validateMetadata } from "../metadata/metadata.js";
import type { MethodDefinition } from "../service-definition.js";
import type { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import type { CallEnv } from "./call-env.js";
import { callError, deadlineError } from "./call-errors.js";
import type { CallOptions } from "./call-options.js";
import type { Channel } from "./channel.js";
import type { ClientCall } from "./client-call.js";
import type { RequestSource } from "./request-pump.js";
import { SingleResponseCall } from "./single-response-call.js";
import { StreamResponseCall } from "./stream-response-call.js";
import type { Transport } from "./transport.js";

/**
 * @internal The `Channel` over any `Transport`: turns options into a call
 * (deadline, cancellation, metadata, inheritance from the parent or the
 * current handler context) and hands calls with their request to the
 * transport, which encodes it (into the CALL frame when it can).
 */
export class RpcChannel implements Channel {
  constructor(
    /** @internal */ readonly env: CallEnv,
    /** @internal */ readonly transport: Transport,
    private readonly inheritContext: boolean,
  ) {}

  unary<I extends object, O extends object>(method: MethodDefinition<I, O>, request: PartialMessage<I>, options?: CallOptions): Promise<O> {
    const call = new SingleResponseCall<O>(this.env, method as MethodDefinition<object, O>);
    this.launch(call, options, request as PartialMessage<object>, undefined);
    return call.promise;
  }

  serverStream<I extends object, O extends object>(method: MethodDefinition<I, O>, request: PartialMessage<I>, options?: CallOptions): AsyncIterable<O> {
    const call = new StreamResponseCall<O>(this.env, method as MethodDefinition<object, O>);
    this.launch(call, options, request as PartialMessage<object>, undefined);
    return call.responses;
  }

  clientStream<I extends object, O extends object>(method: MethodDefinition<I, O>, requests: RequestSource<I>, options?: CallOptions): Promise<O> {
    const call = new SingleResponseCall<O>(this.env, method as MethodDefinition<object, O>);
    this.launch(call, options, undefined, requests as RequestSource<object>);
    return call.promise;
  }

  bidi<I extends object, O extends object>(method: MethodDefinition<I, O>, requests: RequestSource<I>, options?: CallOptions): AsyncIterable<O> {
    const call = new StreamResponseCall<O>(this.env, method as MethodDefinition<object, O>);
    this.launch(call, options, undefined, requests as RequestSource<object>);
    return call.responses;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private launch(call: ClientCall, options: CallOptions | undefined, request: PartialMessage<object> | undefined, source: RequestSource<object> | undefined): void {
    const err = this.setup(call, options);
    if (err !== undefined) {
      call.abort(err, 0);
      return;
    }
    if (source !== undefined) {
      call.requestSource = source;
    } else {
      // Encoded by the transport: into the CALL frame when the call starts at once.
      call.message = request;
    }
    this.transport.start(call);
  }

  /** Applies options and inheritance; returns the error that stops the call before it starts. */
  private setup(call: ClientCall, options: CallOptions | undefined): RpcError | undefined {
    const clock = this.env.clock;
    if (options !== undefined && (options.timeoutMs !== undefined || options.deadline !== undefined)) {
      // Deadlines come from the precise clock so they never fire early.
      call.startedAt = clock.now();
    }
    let parent: CallContext | null | undefined = options?.parent;
    if (parent === undefined && this.inheritContext) parent = currentCallContext();
    let deadline = Infinity;
    let requestId = options?.requestId;
    if (parent !== undefined && parent !== null) {
      const scope = scopeOf(parent, clock);
      const reason = scope.scopeCancelReason;
      if (reason !== undefined) {
        const code = reason.code === Status.DEADLINE_EXCEEDED ? Status.DEADLINE_EXCEEDED : Status.CANCELLED;
        return callError(call, code, `parent call already ended: ${reason.message}`, reason);
      }
      deadline = scope.scopeDeadline;
      requestId ??= scope.requestId;
      call.scope = scope;
    }
    let metadata: Metadata | undefined;
    if (options !== undefined) {
      const { timeoutMs, deadline: at, signal } = options;
      if (timeoutMs !== undefined) {
        if (Number.isNaN(timeoutMs)) return callError(call, Status.INTERNAL, "timeoutMs is NaN");
        deadline = Math.min(deadline, call.startedAt + timeoutMs);
      }
      if (at !== undefined) {
        const epoch = typeof at === "number" ? at : at.getTime();
        if (Number.isNaN(epoch)) return callError(call, Status.INTERNAL, "deadline is not a valid date");
        deadline = Math.min(deadline, call.startedAt + (epoch - clock.wallNow()));
      }
      if (signal !== undefined) {
        if (signal.aborted) return callError(call, Status.CANCELLED, "signal was already aborted", signal.reason);
        call.signal = signal;
      }
      if (options.metadata !== undefined) {
        const bad = validateMetadata(options.metadata);
        if (bad !== undefined) return callError(call, bad.code, bad.message);
        metadata = options.metadata;
      }
      call.onHeadersCallback = options.onHeaders;
      call.onTrailersCallback = options.onTrailers;
    }
    if (requestId !== undefined) metadata = { ...metadata, [REQUEST_ID_KEY]: requestId };
    call.metadata = metadata;
    if (deadline !== Infinity) {
      if (deadline <= call.startedAt) return deadlineError(call, deadline - call.startedAt, call.startedAt);
      call.deadlineAt = deadline;
      this.env.deadlines.add(call);
    }
    // Listeners last: nothing above can fail after they are attached.
    call.signal?.addEventListener("abort", call);
    call.scope?.addScopeListener(call);
    return undefined;
  }
}
