/**
 * `protostub/runtime`: what applications and generated code import.
 */
export * from "./codegen.js";

// Status and errors
export { Status, statusName } from "./status/status.js";
export { RpcError, type RpcErrorOptions } from "./status/rpc-error.js";
export { type Metadata, type MetadataValue, validateMetadata } from "./metadata/metadata.js";

// Calls and contexts
export { currentCallContext, withoutCallContext } from "./context/propagation.js";

// Client
export { createChannel, channelStats, type ChannelOptions, type ChannelStats } from "./client/create-channel.js";
export type { BackoffOptions } from "./client/backoff.js";
export type { Connection, ConnectionOwner, ConnectionState } from "./client/connection.js";
export type { Transport, TransportStats } from "./client/transport.js";

// Server
export { createServer, Server, type ServerOptions, type ListenOptions, type CloseOptions } from "./server/server.js";
export type {
  BidiHandler,
  ClientStreamHandler,
  HandlerFor,
  RequestOf,
  ResponseOf,
  ServerStreamHandler,
  UnaryHandler,
} from "./server/service-impl.js";

// In-process channel for tests
export { createInProcessChannel, type InProcessChannel, type InProcessChannelOptions } from "./in-process/in-process-channel.js";
export type { InProcessFaults } from "./in-process/fault-transport.js";

// Plumbing that tests and custom transports inject
export { type Clock, systemClock, MAX_TIMER_MS } from "./deadline/clock.js";
export { ManualClock } from "./deadline/manual-clock.js";
export { DEFAULT_SETTINGS, type Settings } from "./framing/settings.js";
export type { KeepaliveOptions } from "./transport/keepalive.js";
export { type Connector, tcpConnector, parseTarget } from "./transport/connector.js";
export type { Link, LinkHandler } from "./transport/link.js";
export { SocketLink } from "./transport/socket-link.js";
