import { type Clock, systemClock } from "../deadline/clock.js";
import { DeadlineQueue } from "../deadline/deadline-queue.js";
import { TurnClock } from "../deadline/turn-clock.js";
import { resolveSettings, type Settings } from "../framing/settings.js";
import { type Connector, parseTarget, tcpConnector } from "../transport/connector.js";
import type { KeepaliveOptions } from "../transport/keepalive.js";
import type { BackoffOptions } from "./backoff.js";
import type { CallEnv } from "./call-env.js";
import type { Channel } from "./channel.js";
import type { TransportStats } from "./transport.js";
import { RpcChannel } from "./rpc-channel.js";
import { SingleAddressTransport } from "./single-address-transport.js";

/** Options of `createChannel`. */
export interface ChannelOptions {
  /**
   * Limits this client announces and enforces on what it receives:
   * `maxMessageSize` (default 4 MiB), `maxMetadataSize` (8 KiB),
   * `initialWindow` (1 MiB of credit per response stream).
   */
  readonly settings?: Partial<Pick<Settings, "maxMessageSize" | "maxMetadataSize" | "initialWindow">>;
  /**
   * Ping the server after `timeMs` without reading anything and drop the
   * connection (pending calls UNAVAILABLE) when nothing arrives within
   * `timeoutMs`. Off by default. The interval is raised to the server's
   * announced minimum so the client is never cut off for pinging too often.
   */
  readonly keepalive?: KeepaliveOptions;
  /** Limit on TCP connect plus HELLO exchange, ms (default 20,000). */
  readonly connectTimeoutMs?: number;
  /** Delays between failed connection attempts. */
  readonly backoff?: BackoffOptions;
  /** Opens connections (default: TCP). */
  readonly connector?: Connector;
  /** Time source (default: the system clock). */
  readonly clock?: Clock;
  /** Randomness for backoff jitter (default Math.random). */
  readonly random?: () => number;
  /**
   * Whether calls made inside a handler's async flow inherit its deadline,
   * cancellation and request id (default true). Per call: `parent: null`.
   */
  readonly inheritContext?: boolean;
  /** @internal Test hook: first call id on each connection. */
  readonly firstCallId?: number;
}

/**
 * A channel to one server at `target` ("host:port"). The connection opens on
 * the first call and reopens after a loss; calls made while it cannot be
 * reached fail fast with UNAVAILABLE. Close it with `close()`.
 */
export function createChannel(target: string, options: ChannelOptions = {}): Channel {
  parseTarget(target);
  const { env, transport } = buildChannelParts(target, options.connector ?? tcpConnector, options);
  return new RpcChannel(env, transport, options.inheritContext ?? true);
}

/** @internal The parts of a channel over any connector (the in-process channel wraps the transport). */
export function buildChannelParts(target: string, connector: Connector, options: ChannelOptions): { env: CallEnv; transport: SingleAddressTransport } {
  const clock = options.clock ?? systemClock;
  const settings = resolveSettings(options.settings);
  const env: CallEnv = { clock, turnClock: new TurnClock(clock), deadlines: new DeadlineQueue(clock), target, settings };
  const transport = new SingleAddressTransport({
    target,
    connector,
    clock,
    settings,
    keepalive: options.keepalive,
    connectTimeoutMs: options.connectTimeoutMs ?? 20_000,
    backoff: options.backoff,
    random: options.random ?? Math.random,
    ...(options.firstCallId === undefined ? {} : { firstCallId: options.firstCallId }),
  });
  return { env, transport };
}

/** Counters of a channel, for leak checks and tests. */
export interface ChannelStats extends TransportStats {
  /** Deadlines armed (one per unsettled call that has a deadline). */
  readonly deadlines: number;
}

/** Counters of a channel made by this runtime (`createChannel`, `createInProcessChannel`). */
export function channelStats(channel: Channel): ChannelStats {
  if (!(channel instanceof RpcChannel)) throw new TypeError("channelStats needs a channel made by createChannel or createInProcessChannel");
  return { ...channel.transport.stats(), deadlines: channel.env.deadlines.size };
}
