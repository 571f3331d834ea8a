/**
 * Server side of the raw echo: echoes echo frames back as received (a view
 * of the socket's chunk, not a copy) and answers a download frame with
 * `count` message frames and an end frame.
 */
import { createServer, type AddressInfo, type Socket } from "node:net";
import type { BenchServer } from "../adapter.js";
import { FrameSplitter, HEADER_BYTES, Op, TickCorker, writeHeader } from "./limit-frame.js";

/** A download may not ask for more than this many messages. */
const MAX_DOWNLOAD_COUNT = 1_000_000;

function serveConnection(socket: Socket): void {
  socket.setNoDelay(true);
  const out = new TickCorker(socket);
  const splitter = new FrameSplitter((buf, start, end) => {
    const op = buf[start + 8];
    if (op === Op.echo) {
      out.write(buf.subarray(start, end));
      return;
    }
    if (op !== Op.download || end - start < HEADER_BYTES + 4) throw new Error(`limit: bad op ${op}`);
    const id = buf.readUInt32BE(start + 4);
    const count = Math.min(buf.readUInt32BE(start + HEADER_BYTES), MAX_DOWNLOAD_COUNT);
    const body = buf.subarray(start + HEADER_BYTES + 4, end);
    // One frame buffer written `count` times: the bytes are pre-encoded, and
    // the corked writev sends the whole stream in one go.
    const message = Buffer.allocUnsafe(HEADER_BYTES + body.length);
    writeHeader(message, 0, body.length, id, Op.message);
    body.copy(message, HEADER_BYTES);
    for (let i = 0; i < count; i++) out.write(message);
    const endFrame = Buffer.allocUnsafe(HEADER_BYTES);
    writeHeader(endFrame, 0, 0, id, Op.end);
    out.write(endFrame);
  });
  socket.on("data", (chunk: Buffer) => {
    try {
      splitter.push(chunk);
    } catch {
      socket.destroy();
    }
  });
  // A client killed at the end of a run resets the connection; nothing to do.
  socket.on("error", () => undefined);
}

/** Starts the raw echo server on 127.0.0.1, port 0. */
export function startLimitServer(): Promise<BenchServer> {
  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveConnection(socket);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
