/** What a `Link` reports to the connection that owns it. */
export interface LinkHandler {
  /**
   * Bytes arrived. They are valid only until `onData` returns: a link may
   * read into one buffer it reuses (`ReadBuffer`), so a handler that keeps
   * any of them (a queued stream message) copies them.
   */
  onData(chunk: Buffer): void;
  /** The write buffer fell below its high-water mark after `write` returned false. */
  onDrain(): void;
  /** The link is gone (end, destroy, reset or error); called once. */
  onClose(error: Error | undefined): void;
}

/**
 * A bidirectional byte stream: a TCP socket (`SocketLink`) or an in-memory
 * pipe (`MemoryLink`). Connections speak the protocol over a `Link`, never
 * over `net.Socket` directly, so sockets stay injectable.
 */
export interface Link {
  /** Remote address, "host:port" or a name like "in-process". */
  readonly peer: string;
  /** Starts delivering events to `handler` (data may arrive at once). */
  start(handler: LinkHandler): void;
  /**
   * Sends `chunks` in order, all in one go (one `writev` for a socket).
   * Returns false when buffered output is above the high-water mark: the
   * writer should stop producing until `onDrain`. Must not keep the array.
   */
  write(chunks: readonly Uint8Array[]): boolean;
  /** Half-closes after pending writes are flushed; `onClose` follows. */
  end(): void;
  /** Closes at once, dropping unsent data; `onClose` follows. */
  destroy(): void;
}
