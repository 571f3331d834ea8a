/**
 * Client side of the raw echo: pre-encoded request bytes, a fresh id per
 * call, completions matched through a pending `Map`, writes corked per tick.
 */
import { connect as netConnect, type Socket } from "node:net";
import type { BenchClient, CallDone } from "../adapter.js";
import { FrameSplitter, HEADER_BYTES, Op, TickCorker, writeHeader } from "./limit-frame.js";

interface Pending {
  readonly done: CallDone;
  messages: number;
}

/** What a call sends: the op and the body that follows the header. */
export interface LimitRequest {
  readonly op: typeof Op.echo | typeof Op.download;
  /** For a download: u32 count, then the request bytes. */
  readonly body: Buffer;
}

class LimitClient implements BenchClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly out: TickCorker;
  /** Body of the last echo reply, kept only while `connect` verifies. */
  lastEchoBody: Buffer | undefined;
  verifying = true;

  constructor(
    private readonly socket: Socket,
    private readonly request: LimitRequest,
  ) {
    this.out = new TickCorker(socket);
    const splitter = new FrameSplitter((buf, start, end) => this.onFrame(buf, start, end));
    socket.on("data", (chunk: Buffer) => {
      try {
        splitter.push(chunk);
      } catch (error) {
        socket.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.on("error", (error) => this.failAll(error));
    socket.on("close", () => this.failAll(new Error("limit: connection closed")));
  }

  call(done: CallDone): void {
    const id = this.nextId;
    this.nextId = (id + 1) >>> 0 || 1;
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    writeHeader(header, 0, this.request.body.length, id, this.request.op);
    this.pending.set(id, { done, messages: 0 });
    // Header and shared body go out as two iovecs of the tick's writev.
    this.out.write(header);
    this.out.write(this.request.body);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.end();
    });
  }

  private onFrame(buf: Buffer, start: number, end: number): void {
    const id = buf.readUInt32BE(start + 4);
    const op = buf[start + 8];
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    if (op === Op.message) {
      pending.messages++;
      return;
    }
    this.pending.delete(id);
    if (op === Op.echo) {
      if (this.verifying) this.lastEchoBody = Buffer.from(buf.subarray(start + HEADER_BYTES, end));
      pending.done(undefined, 1);
    } else if (op === Op.end) {
      pending.done(undefined, pending.messages);
    } else {
      pending.done(new Error(`limit: unexpected op ${op}`), 0);
    }
  }

  private failAll(error: Error): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.done(error, 0);
  }
}

/** Opens one connection to the raw echo server. */
export function connectLimitClient(port: number, request: LimitRequest): Promise<LimitClient> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: "127.0.0.1", port, noDelay: true });
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve(new LimitClient(socket, request));
    });
  });
}
