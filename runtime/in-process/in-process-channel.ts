import type { Channel } from "../client/channel.js";
import { buildChannelParts, type ChannelOptions } from "../client/create-channel.js";
import { RpcChannel } from "../client/rpc-channel.js";
import type { Server } from "../server/server.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";
import type { Connector } from "../transport/connector.js";
import { FaultTransport, type InProcessFaults } from "./fault-transport.js";
import { createLinkPair } from "./memory-link.js";

/** A channel straight into a `Server` object, with fault injection. */
export interface InProcessChannel extends Channel {
  /** The faults in effect; assign fields to change them. */
  readonly faults: InProcessFaults;
  /** Calls swallowed so far by `dropRate`. */
  readonly droppedCalls: number;
  /**
   * The connection goes away abruptly, as if the server died: running calls
   * fail with UNAVAILABLE; the next call opens a new connection.
   */
  dropConnection(): void;
}

/** Options of `createInProcessChannel`: channel options plus initial faults. */
export interface InProcessChannelOptions extends Omit<ChannelOptions, "connector"> {
  readonly faults?: Partial<InProcessFaults>;
}

class InProcessRpcChannel extends RpcChannel implements InProcessChannel {
  constructor(
    parts: ReturnType<typeof buildChannelParts>,
    private readonly faultTransport: FaultTransport,
    readonly faults: InProcessFaults,
    inherit: boolean,
  ) {
    super(parts.env, faultTransport, inherit);
    this.single = parts.transport;
  }

  private readonly single: ReturnType<typeof buildChannelParts>["transport"];

  get droppedCalls(): number {
    return this.faultTransport.dropped;
  }

  dropConnection(): void {
    this.single.dropConnection(new RpcError(Status.UNAVAILABLE, "in-process connection dropped (fault injection)"));
  }
}

/**
 * A channel to `server` without sockets, for users' unit tests: the same
 * protocol, limits, deadlines, cancellation and errors as over TCP (the
 * bytes go through in-memory pipes), plus injected latency, failures,
 * drops and connection loss. The server needs no `listen`.
 */
export function createInProcessChannel(server: Server, options: InProcessChannelOptions = {}): InProcessChannel {
  const faults: InProcessFaults = {
    latencyMs: options.faults?.latencyMs ?? 0,
    failRate: options.faults?.failRate ?? 0,
    dropRate: options.faults?.dropRate ?? 0,
    random: options.faults?.random ?? Math.random,
  };
  const connector: Connector = () => {
    const [clientEnd, serverEnd] = createLinkPair({ latencyMs: () => faults.latencyMs });
    server.accept(serverEnd);
    return Promise.resolve(clientEnd);
  };
  const parts = buildChannelParts("in-process", connector, options);
  const faultTransport = new FaultTransport(parts.transport, faults);
  return new InProcessRpcChannel(parts, faultTransport, faults, options.inheritContext ?? true);
}
