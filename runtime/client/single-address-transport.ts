import type { Clock, TimerHandle } from "../deadline/clock.js";
import type { Settings } from "../framing/settings.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import type { Connector } from "../transport/connector.js";
import type { KeepaliveOptions } from "../transport/keepalive.js";
import { Backoff, type BackoffOptions } from "./backoff.js";
import { callError } from "./call-errors.js";
import type { ClientCall } from "./client-call.js";
import type { Connection, ConnectionOwner, ConnectionState } from "./connection.js";
import { MuxConnection } from "./mux-connection.js";
import type { Transport, TransportStats } from "./transport.js";

/** @internal Options of a `SingleAddressTransport`. */
export interface SingleAddressTransportOptions {
  readonly target: string;
  readonly connector: Connector;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly keepalive: KeepaliveOptions | undefined;
  readonly connectTimeoutMs: number;
  readonly backoff: BackoffOptions | undefined;
  readonly random: () => number;
  /** Test hook: first call id of each connection. */
  readonly firstCallId?: number;
}

/**
 * @internal One address, one active connection (opened on the first call,
 * reopened on demand after a loss), plus connections draining after a
 * GOAWAY. Calls wait in a FIFO while connecting or while the server's
 * concurrency limit is reached; they still expire at their deadlines
 * (RELIABILITY C3). After a failed attempt the transport is in
 * transient-failure until the backoff delay passes and calls fail fast with
 * UNAVAILABLE (E2, gRPC fail-fast semantics).
 */
export class SingleAddressTransport implements Transport, ConnectionOwner {
  private state: ConnectionState = "idle";
  private conn: MuxConnection | undefined = undefined;
  private readonly draining = new Set<Connection>();
  private waiting: ClientCall[] = [];
  private waitHead = 0;
  private lastError: RpcError | undefined = undefined;
  private readonly backoff: Backoff;
  private retryAt = 0;
  private backoffTimer: TimerHandle | undefined = undefined;
  private connectTimer: TimerHandle | undefined = undefined;
  private attempt: AbortController | undefined = undefined;
  private attemptStartedAt = 0;
  private closeWaiters: (() => void)[] = [];
  /** Dropped frames of connections already gone. */
  private droppedTotal = 0;

  constructor(private readonly options: SingleAddressTransportOptions) {
    this.backoff = new Backoff(options.backoff, options.random);
  }

  stats(): TransportStats {
    let inFlight = this.conn?.inFlight ?? 0;
    for (const c of this.draining) inFlight += c.inFlight;
    let queued = 0;
    for (let i = this.waitHead; i < this.waiting.length; i++) if (!(this.waiting[i] as ClientCall).done) queued++;
    return { inFlight, queued, droppedFrames: this.droppedTotal + (this.conn?.droppedFrames ?? 0), state: this.state };
  }

  start(call: ClientCall): void {
    const conn = this.conn;
    if (conn !== undefined && this.waitHead === this.waiting.length && conn.start(call)) return;
    this.enqueue(call);
  }

  close(): Promise<void> {
    if (this.state !== "closed") {
      this.state = "closed";
      this.stopTimers();
      this.failWaiting(new RpcError(Status.UNAVAILABLE, `channel to ${this.options.target} closed`));
      this.conn?.close();
    }
    return new Promise((resolve) => {
      this.closeWaiters.push(resolve);
      this.checkClosed();
    });
  }

  destroy(reason: RpcError): void {
    this.state = "closed";
    this.stopTimers();
    this.failWaiting(reason);
    this.conn?.destroy(reason);
    for (const c of [...this.draining]) c.destroy(reason);
  }

  /** Abruptly drops the active connection (fault injection, tests). */
  dropConnection(reason: RpcError): void {
    this.conn?.destroy(reason);
  }

  // ---- ConnectionOwner

  onReady(conn: Connection): void {
    if (conn !== this.conn) return;
    if (this.connectTimer !== undefined) this.options.clock.clearTimer(this.connectTimer);
    this.connectTimer = undefined;
    this.attempt = undefined;
    this.state = "ready";
    this.backoff.reset();
    this.flushWaiting();
  }

  onCapacity(conn: Connection): void {
    if (conn === this.conn && this.waitHead < this.waiting.length) this.flushWaiting();
  }

  onGoaway(conn: Connection, unprocessed: ClientCall[], reason: RpcError): void {
    if (conn === this.conn) {
      this.conn = undefined;
      this.draining.add(conn);
      if (this.state !== "closed") this.state = "idle";
    }
    // Calls the server never saw are retried once on a new connection when
    // their request can be replayed (docs/protocol.md section 8; RELIABILITY F4).
    const retry: ClientCall[] = [];
    for (const call of unprocessed) {
      if (call.done) continue;
      if (call.replayable && !call.retried && this.state !== "closed") {
        call.retried = true;
        call.id = 0;
        call.sentAt = 0;
        retry.push(call);
      } else {
        call.fail(reason);
      }
    }
    if (retry.length > 0) {
      this.waiting = [...retry, ...this.waiting.slice(this.waitHead)];
      this.waitHead = 0;
    }
    if (this.waitHead < this.waiting.length && this.state !== "closed") this.connect();
  }

  onClosed(conn: Connection, reason: RpcError | undefined): void {
    if (conn instanceof MuxConnection) this.droppedTotal += conn.droppedFrames;
    if (this.draining.delete(conn)) {
      this.checkClosed();
      return;
    }
    if (conn !== this.conn) return;
    this.conn = undefined;
    if (this.state === "connecting") {
      this.connectFailed(reason ?? new RpcError(Status.UNAVAILABLE, "connection closed during the handshake"));
      return;
    }
    if (this.state !== "closed") this.state = "idle";
    if (this.waitHead < this.waiting.length && this.state === "idle") this.connect();
    this.checkClosed();
  }

  // ---- internals

  private enqueue(call: ClientCall): void {
    if (this.state === "closed") {
      call.abort(callError(call, Status.UNAVAILABLE, "channel is closed"), 0);
      return;
    }
    if (this.state === "transient-failure") {
      const wait = Math.max(0, Math.round(this.retryAt - this.options.clock.now()));
      const last = this.lastError?.message ?? "unreachable";
      call.abort(callError(call, Status.UNAVAILABLE, `${last}; next attempt in ${wait} ms`, this.lastError), 0);
      return;
    }
    if (!call.freezeRequest()) return;
    this.waiting.push(call);
    if (this.conn === undefined && this.state !== "connecting") this.connect();
  }

  private flushWaiting(): void {
    const conn = this.conn;
    while (conn !== undefined && this.waitHead < this.waiting.length) {
      const call = this.waiting[this.waitHead] as ClientCall;
      if (!call.done && !conn.start(call)) break;
      this.waiting[this.waitHead++] = undefined as unknown as ClientCall;
    }
    if (this.waitHead === this.waiting.length) {
      this.waiting.length = 0;
      this.waitHead = 0;
    } else if (this.waitHead > 1024 && this.waitHead * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.waitHead);
      this.waitHead = 0;
    }
  }

  private connect(): void {
    const o = this.options;
    this.state = "connecting";
    const attempt = new AbortController();
    this.attempt = attempt;
    this.attemptStartedAt = o.clock.now();
    this.connectTimer = o.clock.setTimer(() => {
      this.connectTimer = undefined;
      const err = new RpcError(Status.UNAVAILABLE, `connecting to ${o.target} timed out after ${o.connectTimeoutMs} ms`);
      attempt.abort(err);
      if (this.conn !== undefined) this.conn.destroy(err);
      else this.connectFailed(err);
    }, o.connectTimeoutMs);
    o.connector(o.target, attempt.signal).then(
      (link) => {
        if (this.attempt !== attempt || this.state === "closed") {
          link.destroy();
          return;
        }
        this.conn = new MuxConnection(link, this, {
          settings: o.settings,
          clock: o.clock,
          keepalive: o.keepalive,
          ...(o.firstCallId === undefined ? {} : { firstCallId: o.firstCallId }),
        });
      },
      (err: unknown) => {
        if (this.attempt !== attempt) return;
        const msg = err instanceof Error ? err.message : String(err);
        this.connectFailed(new RpcError(Status.UNAVAILABLE, `cannot connect to ${o.target}: ${msg}`, { cause: err }));
      },
    );
  }

  private connectFailed(err: RpcError): void {
    const o = this.options;
    if (this.connectTimer !== undefined) o.clock.clearTimer(this.connectTimer);
    this.connectTimer = undefined;
    this.attempt = undefined;
    if (this.state === "closed") return;
    const spent = o.clock.now() - this.attemptStartedAt;
    this.lastError = new RpcError(err.code, `${err.message} (after ${spent.toFixed(1)} ms)`, { cause: err.cause ?? err, peer: o.target });
    this.state = "transient-failure";
    const delay = this.backoff.next();
    this.retryAt = o.clock.now() + delay;
    this.backoffTimer = o.clock.setTimer(() => {
      this.backoffTimer = undefined;
      if (this.state === "transient-failure") this.state = "idle";
    }, delay);
    this.failWaiting(this.lastError);
  }

  private failWaiting(err: RpcError): void {
    const calls = this.waiting.slice(this.waitHead);
    this.waiting = [];
    this.waitHead = 0;
    for (const call of calls) if (!call.done) call.abort(callError(call, err.code, err.message, err), 0);
  }

  private stopTimers(): void {
    const clock = this.options.clock;
    if (this.backoffTimer !== undefined) clock.clearTimer(this.backoffTimer);
    if (this.connectTimer !== undefined) clock.clearTimer(this.connectTimer);
    this.backoffTimer = this.connectTimer = undefined;
    this.attempt?.abort();
    this.attempt = undefined;
  }

  private checkClosed(): void {
    if (this.state !== "closed" || this.conn !== undefined || this.draining.size > 0) return;
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
