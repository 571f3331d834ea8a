import { AsyncLocalStorage } from "node:async_hooks";
import type { Clock } from "../deadline/clock.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import type { CallContext } from "./call-context.js";
import { type CallScope, SCOPE, type ScopeListener, type ScopedContext } from "./call-scope.js";

/**
 * The handler context of the current async flow. Servers run each handler
 * inside it (unless created with `propagateContext: false`), so calls made
 * anywhere below a handler inherit its deadline, cancellation and request id
 * without passing `parent`.
 *
 * Cost, measured on Node 20 here: entering the storage turns on promise
 * hooks process-wide, about +0.28 µs per await-heavy handler call; a
 * server that never calls out can opt out.
 */
const storage = new AsyncLocalStorage<CallContext>();

/** The `CallContext` of the handler whose async flow is running, if any. */
export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}

/** @internal Runs `fn(a, b)` with `ctx` as the current context. */
export function runWithContext<A, B, R>(ctx: CallContext, fn: (a: A, b: B) => R, a: A, b: B): R {
  return storage.run(ctx, fn, a, b);
}

/**
 * Runs `fn` outside any handler context: calls made inside it inherit
 * nothing (the explicit opt-out for a whole block; per call, pass
 * `parent: null`).
 */
export function withoutCallContext<R>(fn: () => R): R {
  return storage.exit(fn);
}

/** Scope over a user-made `CallContext` (e.g. a test double): public fields only. */
class ForeignScope implements CallScope {
  readonly scopeDeadline: number;
  readonly requestId: string;
  private readonly listeners = new Map<ScopeListener, () => void>();

  constructor(private readonly ctx: CallContext, clock: Clock) {
    const d = ctx.deadline;
    this.scopeDeadline = d === undefined ? Infinity : clock.now() + (d - clock.wallNow());
    this.requestId = ctx.requestId;
  }

  get scopeCancelReason(): RpcError | undefined {
    if (!this.ctx.signal.aborted) return undefined;
    return RpcError.from(this.ctx.signal.reason, Status.CANCELLED);
  }

  addScopeListener(listener: ScopeListener): void {
    const signal = this.ctx.signal;
    const fn = (): void => listener.onScopeCancel(RpcError.from(signal.reason, Status.CANCELLED));
    this.listeners.set(listener, fn);
    signal.addEventListener("abort", fn, { once: true });
  }

  removeScopeListener(listener: ScopeListener): void {
    const fn = this.listeners.get(listener);
    if (fn === undefined) return;
    this.listeners.delete(listener);
    this.ctx.signal.removeEventListener("abort", fn);
  }
}

/** @internal The scope a call made with `parent: ctx` inherits. */
export function scopeOf(ctx: CallContext, clock: Clock): CallScope {
  const own = (ctx as Partial<ScopedContext>)[SCOPE];
  return own ?? new ForeignScope(ctx, clock);
}
