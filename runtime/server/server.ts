import { randomUUID } from "node:crypto";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import type { CallContext } from "../context/call-context.js";
import { type Clock, systemClock } from "../deadline/clock.js";
import { DeadlineQueue } from "../deadline/deadline-queue.js";
import { TurnClock } from "../deadline/turn-clock.js";
import { resolveSettings, type Settings } from "../framing/settings.js";
import type { ServiceDefinition } from "../service-definition.js";
import { Status } from "../status/status.js";
import type { KeepaliveOptions } from "../transport/keepalive.js";
import type { Link } from "../transport/link.js";
import { SocketLink } from "../transport/socket-link.js";
import { Router } from "./router.js";
import { ServerConnection } from "./server-connection.js";
import type { ServerEnv } from "./server-env.js";
import type { ServiceImpl } from "./service-impl.js";

/** Options of `createServer`. */
export interface ServerOptions {
  /**
   * Limits announced to clients and enforced: `maxMessageSize` (4 MiB),
   * `maxConcurrentCalls` per connection (1,000), `maxMetadataSize` (8 KiB),
   * `initialWindow` (1 MiB per request stream), `pingMinIntervalMs` (10 s).
   */
  readonly settings?: Partial<Settings>;
  /** Close connections that send no HELLO within this many ms (default 10,000). */
  readonly handshakeTimeoutMs?: number;
  /** Ping idle clients and drop silent ones (off by default). */
  readonly keepalive?: KeepaliveOptions;
  /**
   * Run handlers inside an AsyncLocalStorage context so calls they make
   * inherit deadline, cancellation and request id (default true; costs
   * about 0.3 µs per call on Node 20, see runtime/context/propagation.ts).
   */
  readonly propagateContext?: boolean;
  /** Send a plain Error's message with INTERNAL (default true; never the stack). */
  readonly exposeErrorMessages?: boolean;
  /** Told about handler failures that are not `RpcError`s (for logging). */
  readonly onHandlerError?: (error: unknown, context: CallContext) => void;
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
  /** Request ids for calls that arrive without one (default `crypto.randomUUID`). */
  readonly newRequestId?: () => string;
}

/** Where to listen. */
export interface ListenOptions {
  /** Default "127.0.0.1". */
  readonly host?: string;
  /** Default 0: the OS picks a free port. */
  readonly port?: number;
}

/** Options of `Server.close`. */
export interface CloseOptions {
  /** How long running calls may take to finish before they are ended UNAVAILABLE (default 5,000 ms). */
  readonly graceMs?: number;
}

/**
 * A server of the native protocol. Add services, then `listen`. Unknown
 * methods answer UNIMPLEMENTED; a handler that throws a plain Error answers
 * INTERNAL with its message but never its stack; an `RpcError` passes its
 * code, message and metadata through.
 */
export class Server {
  private readonly env: ServerEnv;
  private readonly connections = new Set<ServerConnection>();
  private readonly listeners: NetServer[] = [];
  private closing: Promise<void> | undefined = undefined;
  private readonly handshakeTimeoutMs: number;
  private readonly keepalive: KeepaliveOptions | undefined;
  private readonly onConnectionClosed = (conn: ServerConnection): void => {
    this.connections.delete(conn);
    this.checkDrained();
  };
  private drainedWaiter: (() => void) | undefined = undefined;
  private accepted = 0;

  constructor(options: ServerOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.env = {
      clock,
      turnClock: new TurnClock(clock),
      deadlines: new DeadlineQueue(clock),
      settings: resolveSettings(options.settings),
      router: new Router(),
      propagateContext: options.propagateContext ?? true,
      exposeErrorMessages: options.exposeErrorMessages ?? true,
      onHandlerError: options.onHandlerError,
      newRequestId: options.newRequestId ?? randomUUID,
    };
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
    this.keepalive = options.keepalive;
  }

  /** Serves `definition` with `impl`'s methods (called with `impl` as `this`). */
  add<D extends ServiceDefinition>(definition: D, impl: ServiceImpl<D>): this {
    this.env.router.add(definition, impl as object);
    return this;
  }

  /** Listens on TCP; resolves with the bound port (useful with port 0). */
  listen(options: ListenOptions = {}): Promise<number> {
    if (this.closing !== undefined) return Promise.reject(new Error("server is closing"));
    const net = createNetServer((socket: Socket) => this.accept(new SocketLink(socket)));
    this.listeners.push(net);
    return new Promise((resolve, reject) => {
      net.once("error", reject);
      net.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 }, () => {
        net.off("error", reject);
        const address = net.address();
        resolve(typeof address === "object" && address !== null ? address.port : 0);
      });
    });
  }

  /**
   * Serves one connection over any `Link` (TCP sockets come through here;
   * `createInProcessChannel` passes in-memory links).
   */
  accept(link: Link): void {
    if (this.closing !== undefined) {
      link.destroy();
      return;
    }
    this.accepted++;
    const conn = new ServerConnection(link, this.env, {
      handshakeTimeoutMs: this.handshakeTimeoutMs,
      keepalive: this.keepalive,
      onClosed: this.onConnectionClosed,
    });
    this.connections.add(conn);
  }

  /** Connections accepted since the server was created. */
  get acceptedConnections(): number {
    return this.accepted;
  }

  /** Open connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Calls running on all connections (0 after a clean drain). */
  get activeCalls(): number {
    let n = 0;
    for (const c of this.connections) n += c.activeCalls;
    return n;
  }

  /** Deadlines armed (one per running call that has a deadline). */
  get pendingDeadlines(): number {
    return this.env.deadlines.size;
  }

  /**
   * Graceful shutdown (RELIABILITY F6): stop accepting, GOAWAY every
   * connection, let running calls finish for up to `graceMs`, then end the
   * rest with UNAVAILABLE and close. Calling it again returns the same promise.
   */
  close(options: CloseOptions = {}): Promise<void> {
    this.closing ??= this.shutdown(options.graceMs ?? 5000);
    return this.closing;
  }

  private async shutdown(graceMs: number): Promise<void> {
    const stopped = Promise.all(this.listeners.map((net) => new Promise<void>((resolve) => net.close(() => resolve()))));
    for (const conn of [...this.connections]) conn.goAway("server shutting down");
    const drained = new Promise<void>((resolve) => {
      this.drainedWaiter = resolve;
      this.checkDrained();
    });
    const clock = this.env.clock;
    let timer: unknown;
    const grace = new Promise<void>((resolve) => {
      timer = clock.setTimer(resolve, graceMs);
    });
    await Promise.race([drained, grace]);
    clock.clearTimer(timer);
    for (const conn of [...this.connections]) conn.abortCalls(Status.UNAVAILABLE, `server shut down before the call finished (grace ${graceMs} ms)`);
    await drained;
    await stopped;
    this.env.deadlines.clear();
  }

  private checkDrained(): void {
    if (this.drainedWaiter !== undefined && this.connections.size === 0) {
      const resolve = this.drainedWaiter;
      this.drainedWaiter = undefined;
      resolve();
    }
  }
}

/** A server with `options`; see `Server`. */
export function createServer(options: ServerOptions = {}): Server {
  return new Server(options);
}
