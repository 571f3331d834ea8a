/**
 * Messages a stream pump may send before letting the event loop serve I/O
 * (other connections, CANCEL frames). A source that never waits would
 * otherwise hold the loop for a whole window (~8,000 small messages;
 * transport-flow.test.ts measures a 390 ms stall without it).
 */
export const STREAM_BURST = 256;

/** Resolves after pending I/O callbacks have run (`setImmediate`). */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
