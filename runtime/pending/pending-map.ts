import type { RpcError } from "../status/rpc-error.js";
import { IdTable } from "./id-table.js";

/** What a `PendingMap` can fail when the connection drops. */
export interface PendingEntry {
  /** Settles the entry with `err`; called at most once, after removal. */
  fail(err: RpcError): void;
}

/**
 * The calls of one connection that wait for their end, keyed by call id.
 *
 * Exactly-once settlement comes from removal: whoever takes an entry out
 * (the END frame, the deadline, a cancel, the connection's loss) is the only
 * one allowed to settle it, and a frame for an id that is no longer here is
 * a late or unknown one: it is dropped and counted (RELIABILITY A10, C7).
 * Ids are never reused on a connection, so a late answer can never reach a
 * newer call.
 */
export class PendingMap<E extends PendingEntry> {
  private readonly entries = new IdTable<E>();
  /** Frames that arrived for ids not (or no longer) pending. */
  dropped = 0;

  get size(): number {
    return this.entries.size;
  }

  add(id: number, entry: E): void {
    this.entries.set(id, entry);
  }

  /** The entry for `id` while it is pending (it stays pending). */
  get(id: number): E | undefined {
    return this.entries.get(id);
  }

  /** Removes and returns the entry: the caller now owns its settlement. */
  take(id: number): E | undefined {
    const entry = this.entries.get(id);
    if (entry !== undefined) this.entries.delete(id);
    return entry;
  }

  /** Removes the entry if it is the one registered under `id`. */
  delete(id: number, entry: E): boolean {
    if (this.entries.get(id) !== entry) return false;
    this.entries.delete(id);
    return true;
  }

  /** Counts a frame for an unknown id. */
  drop(): void {
    this.dropped++;
  }

  /** Removes every entry, then fails each with `err` (connection lost). */
  rejectAll(err: RpcError): void {
    if (this.entries.size === 0) return;
    const all = this.entries.values();
    this.entries.clear();
    for (const entry of all) entry.fail(err);
  }

  /** Removes and returns the entries with ids above `lastId` (not seen by a GOAWAY sender). */
  takeAbove(lastId: number): E[] {
    const out: E[] = [];
    for (const id of this.entries.keys()) {
      if (id > lastId) {
        out.push(this.entries.get(id) as E);
        this.entries.delete(id);
      }
    }
    return out;
  }

  /** Calls `fn` with every pending entry, in no particular order. */
  forEach(fn: (entry: E) => void): void {
    this.entries.forEach(fn);
  }

  /** The pending entries by ascending id, copied (for introspection and graceful close). */
  values(): E[] {
    return this.entries.values();
  }
}
