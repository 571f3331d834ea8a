import type { LinkHandler } from "./link.js";

/** Bytes one read may bring; a frame larger than this is assembled by the decoder as before. */
const READ_BUFFER_SIZE = 64 * 1024;

/**
 * One buffer that every read of a socket lands in (`net.connect`'s
 * `onread`), instead of a new Buffer per read. Node's default allocates a
 * fresh 64 KiB backing store for each read and pushes it through the
 * stream machinery; the GC then sweeps each of those ArrayBuffers. In a
 * bench:rpc-style client (small payload, 64 in flight) that sweep took
 * 0.11-0.14 of 0.57-0.66 ms per scavenge, and 0.03 of 0.49 ms with this
 * buffer (`--trace-gc-nvp`, 40 scavenges a run, old and new build
 * alternating, 2026-12-04): the pauses that set the tail got 15-25% shorter.
 * Node offers `onread` for sockets it connects, not for accepted ones, so
 * servers read the default way.
 *
 * The bytes handed to `onData` are overwritten by the next read, which the
 * `LinkHandler` contract allows. Reads that come before the link is
 * started are copied and delivered by `start`.
 */
export class ReadBuffer {
  readonly buffer: Buffer = Buffer.allocUnsafeSlow(READ_BUFFER_SIZE);
  private handler: LinkHandler | undefined = undefined;
  private early: Buffer[] = [];

  /** For `onread.callback`: `n` bytes are in `buffer`. True: go on reading. */
  readonly onRead = (n: number): boolean => {
    const chunk = this.buffer.subarray(0, n);
    if (this.handler === undefined) this.early.push(Buffer.from(chunk));
    else this.handler.onData(chunk);
    return true;
  };

  /** Delivers reads to `handler` from now on, the ones that came before first. */
  start(handler: LinkHandler): void {
    this.handler = handler;
    const early = this.early;
    this.early = [];
    for (const chunk of early) handler.onData(chunk);
  }
}
