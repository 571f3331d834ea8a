import type { Link, LinkHandler } from "../transport/link.js";

/** Options of `createLinkPair`. */
export interface LinkPairOptions {
  /** Delay added to every delivery, each way, ms (read on every write, so it may change). */
  readonly latencyMs?: () => number;
  readonly clientPeer?: string;
  readonly serverPeer?: string;
}

/**
 * One end of an in-memory byte pipe. Writes are delivered to the other end
 * asynchronously (next macrotask, or after the latency), in order, like a
 * socket's; buffers pass by reference (writers never reuse bytes they handed
 * over).
 */
class MemoryLink implements Link {
  other: MemoryLink | undefined = undefined;
  private handler: LinkHandler | undefined = undefined;
  private early: Buffer[] = [];
  private closed = false;
  private ending = false;
  /** When the last scheduled delivery lands, so later ones never overtake it. */
  private lastDeliveryAt = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(readonly peer: string, private readonly latencyMs: () => number) {}

  start(handler: LinkHandler): void {
    this.handler = handler;
    const early = this.early;
    this.early = [];
    for (const chunk of early) handler.onData(chunk);
    if (this.closed) queueMicrotask(() => handler.onClose(undefined));
  }

  write(chunks: readonly Uint8Array[]): boolean {
    if (this.closed || this.ending || chunks.length === 0) return true;
    const copy = chunks.map((c) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
    this.schedule(() => {
      const other = this.other;
      if (other !== undefined) for (const c of copy) other.receive(c);
    });
    return true;
  }

  end(): void {
    if (this.closed || this.ending) return;
    this.ending = true;
    // The FIN travels behind the data already written.
    this.schedule(() => {
      this.other?.close();
      this.close();
    });
  }

  destroy(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const other = this.other;
    this.close();
    if (other !== undefined) {
      for (const t of other.timers) clearTimeout(t);
      other.timers.clear();
      other.close();
    }
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    if (this.handler === undefined) this.early.push(chunk);
    else this.handler.onData(chunk);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    const handler = this.handler;
    if (handler !== undefined) queueMicrotask(() => handler.onClose(undefined));
  }

  private schedule(fn: () => void): void {
    const now = performance.now();
    const at = Math.max(now + Math.max(0, this.latencyMs()), this.lastDeliveryAt);
    this.lastDeliveryAt = at;
    const delay = at - now;
    if (delay <= 0) {
      setImmediate(fn);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, delay);
    this.timers.add(timer);
  }
}

/** Two connected in-memory links: [client end, server end]. */
export function createLinkPair(options: LinkPairOptions = {}): [Link, Link] {
  const latency = options.latencyMs ?? (() => 0);
  const client = new MemoryLink(options.serverPeer ?? "in-process", latency);
  const server = new MemoryLink(options.clientPeer ?? "in-process-client", latency);
  client.other = server;
  server.other = client;
  return [client, server];
}
