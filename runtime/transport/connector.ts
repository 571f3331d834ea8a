import { connect } from "node:net";
import type { Link } from "./link.js";
import { ReadBuffer } from "./read-buffer.js";
import { SocketLink } from "./socket-link.js";

/**
 * Opens a `Link` to `target` ("host:port", "[v6]:port"). Injected into
 * channels so tests and custom transports can supply their own sockets.
 * Rejects with the socket error (ECONNREFUSED, ...) when it cannot connect,
 * and gives up (destroying the attempt) when `signal` aborts.
 */
export type Connector = (target: string, signal: AbortSignal) => Promise<Link>;

/** Host and port of a "host:port" or "[v6]:port" target; throws on garbage. */
export function parseTarget(target: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(target);
  const port = m === null ? NaN : Number(m[3]);
  if (m === null || port > 65535) throw new TypeError(`invalid target ${JSON.stringify(target)}: expected "host:port"`);
  return { host: (m[1] ?? m[2]) as string, port };
}

/** The default connector: plain TCP via `net.connect`, reading into one reused buffer (`ReadBuffer`). */
export const tcpConnector: Connector = (target, signal) =>
  new Promise((resolve, reject) => {
    const { host, port } = parseTarget(target);
    const reads = new ReadBuffer();
    const socket = connect({ host, port, onread: { buffer: reads.buffer, callback: reads.onRead } });
    const onAbort = (): void => onError(new Error("connect attempt abandoned"));
    const onError = (err: Error): void => {
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      reject(err);
    };
    socket.once("error", onError);
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => {
      socket.off("error", onError);
      signal.removeEventListener("abort", onAbort);
      resolve(new SocketLink(socket, reads));
    });
  });
