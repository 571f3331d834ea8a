import type { RpcError } from "../status/rpc-error.js";

/** @internal Notified when a scope (a server call) is cancelled. */
export interface ScopeListener {
  onScopeCancel(reason: RpcError): void;
}

/**
 * @internal What a client call inherits from its parent: the deadline on the
 * monotonic clock, the request id, and cancellation. Implemented by server
 * calls directly (no AbortSignal needed) and, for a user-made `CallContext`,
 * by an adapter over its public fields.
 */
export interface CallScope {
  /** Monotonic ms deadline, Infinity when none. */
  readonly scopeDeadline: number;
  readonly requestId: string;
  /** The reason when already cancelled. */
  readonly scopeCancelReason: RpcError | undefined;
  addScopeListener(listener: ScopeListener): void;
  removeScopeListener(listener: ScopeListener): void;
}

/** @internal Property under which a context exposes its `CallScope`. */
export const SCOPE: unique symbol = Symbol("protostub.scope");

/** @internal A context that carries its own scope. */
export interface ScopedContext {
  readonly [SCOPE]: CallScope;
}
