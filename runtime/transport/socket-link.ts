import type { Socket } from "node:net";
import type { Link, LinkHandler } from "./link.js";
import type { ReadBuffer } from "./read-buffer.js";

/**
 * A `Link` over a connected `net.Socket`. Nagle is turned off (the writer
 * already batches per event-loop turn) and several chunks are written under
 * cork/uncork so they leave in one `writev` syscall.
 */
export class SocketLink implements Link {
  readonly peer: string;
  private error: Error | undefined = undefined;

  /**
   * @param reads the socket's `onread` buffer when it was opened with one
   *   (its data then never comes as 'data' events).
   */
  constructor(private readonly socket: Socket, private readonly reads?: ReadBuffer) {
    this.peer = `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
    socket.setNoDelay(true);
  }

  start(handler: LinkHandler): void {
    const socket = this.socket;
    if (this.reads !== undefined) this.reads.start(handler);
    else socket.on("data", (chunk: Buffer) => handler.onData(chunk));
    socket.on("drain", () => handler.onDrain());
    // Errors are reported through close; without a listener they would be thrown.
    socket.on("error", (err: Error) => {
      this.error ??= err;
    });
    socket.on("close", () => handler.onClose(this.error));
    if (socket.destroyed) queueMicrotask(() => handler.onClose(this.error));
  }

  write(chunks: readonly Uint8Array[]): boolean {
    const socket = this.socket;
    if (socket.destroyed || !socket.writable) return true;
    if (chunks.length === 1) return socket.write(chunks[0] as Uint8Array);
    socket.cork();
    for (let i = 0; i < chunks.length; i++) socket.write(chunks[i] as Uint8Array);
    socket.uncork();
    return !socket.writableNeedDrain;
  }

  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
