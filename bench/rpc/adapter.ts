/**
 * The common interface every measured implementation provides: a server
 * that runs in its own process, and a client that runs in another.
 */
import type { BenchFixtures } from "./fixtures.js";
import type { Workload } from "./points.js";

/**
 * Completion of one call. `messages` is what the call delivered: 1 for an
 * echo, the number of streamed messages for a download.
 */
export type CallDone = (error: Error | undefined, messages: number) => void;

/** A listening server. */
export interface BenchServer {
  /** The bound TCP port (the server listens on port 0). */
  readonly port: number;
  /** Stops listening and drops connections; resolves when done. */
  close(): Promise<void>;
}

/**
 * A connected client bound to one workload. `call` is callback-based so that
 * the load generator adds no promise of its own to the cost of a call; an
 * adapter whose API returns promises pays for them itself.
 */
export interface BenchClient {
  /** Starts one call; `done` runs exactly once, never synchronously. */
  call(done: CallDone): void;
  close(): Promise<void>;
}

/** One implementation under test. */
export interface Implementation {
  /** Name on the command line and in the table. */
  readonly name: string;
  /** Starts a server on 127.0.0.1, port 0. */
  startServer(fixtures: BenchFixtures): Promise<BenchServer>;
  /**
   * Connects to `port` and checks one call's reply against the fixture
   * before returning, so that a broken adapter fails loudly instead of
   * benchmarking errors.
   */
  connect(port: number, fixtures: BenchFixtures, workload: Workload): Promise<BenchClient>;
}

/** Runs one call of `client` as a promise of its message count (for checks, not the hot path). */
export function callOnce(client: BenchClient): Promise<number> {
  return new Promise((resolve, reject) => {
    client.call((error, messages) => (error === undefined ? resolve(messages) : reject(error)));
  });
}

/** Throws unless a download delivered the expected number of messages. */
export function expectMessages(impl: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${impl}: download delivered ${got} messages, expected ${want}`);
}
