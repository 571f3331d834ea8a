import { deserialize } from "../framing/serialize.js";
import type { MessageType } from "../message-type.js";
import type { RpcError } from "../status/rpc-error.js";

/** What an `InboundQueue` tells the call it belongs to. */
export interface InboundOwner {
  /** `bytes` of messages were consumed: return that much credit (docs/protocol.md section 7). */
  onConsumed(bytes: number): void;
  /** The consumer stopped iterating early (`break`, `return`). */
  onStop(): void;
  /** A message did not decode; the iterator throws `err` after this. */
  onDecodeError(err: RpcError): void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });
const EMPTY = new Uint8Array(0);

/**
 * The receiving end of a message stream (responses of a server stream on
 * the client, requests of a client stream on the server) as an
 * `AsyncIterableIterator`. Messages wait as raw bytes and are decoded when
 * consumed, which is also when credit goes back to the sender, so a slow
 * consumer bounds what the sender may push. After `end(err)` the queued
 * messages are still delivered, then `err` is thrown once.
 */
export class InboundQueue<T extends object> implements AsyncIterableIterator<T> {
  private readonly items: Uint8Array[] = [];
  private head = 0;
  /** Bytes received and not yet consumed. */
  buffered = 0;
  private ended = false;
  private error: RpcError | undefined = undefined;
  private waitResolve: ((r: IteratorResult<T>) => void) | undefined = undefined;
  private waitReject: ((e: RpcError) => void) | undefined = undefined;

  constructor(private readonly type: MessageType<T>, private readonly what: string, private readonly owner: InboundOwner) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** Queues a received message (a view; kept until consumed). */
  push(bytes: Uint8Array): void {
    if (this.ended) return;
    this.buffered += bytes.length;
    this.items.push(bytes);
    this.wake();
  }

  /** No more messages: iteration ends after the queued ones, throwing `err` if given. */
  end(err?: RpcError): void {
    if (this.ended) return;
    this.ended = true;
    this.error = err;
    this.wake();
  }

  /** Whether `end` was called. */
  get isEnded(): boolean {
    return this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) {
      try {
        return Promise.resolve({ value: this.take(), done: false });
      } catch (err) {
        return Promise.reject(err);
      }
    }
    if (this.ended) return this.finalResult();
    return new Promise((resolve, reject) => {
      this.waitResolve = resolve;
      this.waitReject = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    const wasEnded = this.ended;
    this.ended = true;
    this.error = undefined;
    this.items.length = 0;
    this.head = 0;
    this.buffered = 0;
    if (!wasEnded) this.owner.onStop();
    return Promise.resolve(DONE);
  }

  private finalResult(): Promise<IteratorResult<T>> {
    const err = this.error;
    if (err === undefined) return Promise.resolve(DONE);
    this.error = undefined;
    return Promise.reject(err);
  }

  private take(): T {
    const bytes = this.items[this.head] as Uint8Array;
    this.items[this.head++] = EMPTY;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    }
    this.buffered -= bytes.length;
    this.owner.onConsumed(bytes.length);
    try {
      return deserialize(this.type, bytes, this.what);
    } catch (err) {
      this.ended = true;
      this.error = undefined;
      this.items.length = 0;
      this.head = 0;
      this.owner.onDecodeError(err as RpcError);
      throw err;
    }
  }

  private wake(): void {
    const resolve = this.waitResolve;
    const reject = this.waitReject;
    if (resolve === undefined || reject === undefined) return;
    if (this.head < this.items.length) {
      this.waitResolve = this.waitReject = undefined;
      try {
        resolve({ value: this.take(), done: false });
      } catch (err) {
        reject(err as RpcError);
      }
    } else if (this.ended) {
      this.waitResolve = this.waitReject = undefined;
      this.finalResult().then(resolve, reject);
    }
  }
}
