/** Slots to start with: the bench's 64 calls in flight fit without growing. */
const INITIAL_CAPACITY = 128;

/**
 * @internal Entries keyed by call id (a u32 above 0), for the calls of one
 * connection: ids are handed out in increasing order and most calls end
 * soon after they start, so `id & mask` spreads the live ones over a flat
 * array with few collisions. A collision (a long call still holding the
 * slot a newer id wants) goes to an overflow `Map`.
 *
 * Why not a `Map` for everything: V8 rebuilds a `Map`'s hash table once
 * deleted entries fill it, i.e. every few dozen calls when keys keep
 * increasing. The discarded tables still point at the entries they held;
 * once a table has reached the old generation, every scavenge until the
 * next full GC treats those references as live, so finished calls (their
 * promises, decoded replies) are copied and promoted. A bench:rpc client
 * (large payload, 64 in flight, `--trace-gc-nvp`): 4 MB of the young
 * generation survived each scavenge and a full GC ran every ~0.4 s; the
 * CPU profile put 31% of the client in GC. With this table 0.07-0.25 MB
 * survive and GC is 4% (docs/protocol.md section 12; bench/runtime/id-table-gc.ts
 * isolates the effect). Here a removed entry's slot is cleared at once and
 * the array is only replaced when the table grows.
 */
export class IdTable<E> {
  private slots: (E | undefined)[];
  /** The id held by each slot; 0 when the slot is free (ids start at 1). */
  private ids: Uint32Array;
  private mask: number;
  private overflow: Map<number, E> | undefined = undefined;
  private count = 0;
  /** Entries sent to the overflow since the table last grew. */
  private collisions = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    let n = 1;
    while (n < capacity) n *= 2;
    this.slots = new Array<E | undefined>(n).fill(undefined);
    this.ids = new Uint32Array(n);
    this.mask = n - 1;
  }

  /** Entries held. */
  get size(): number {
    return this.count;
  }

  get(id: number): E | undefined {
    const i = id & this.mask;
    if (this.ids[i] === id) return this.slots[i];
    return this.overflow === undefined ? undefined : this.overflow.get(id);
  }

  /** Adds or replaces the entry for `id` (> 0). */
  set(id: number, entry: E): void {
    const i = id & this.mask;
    const held = this.ids[i];
    if (held === id) {
      this.slots[i] = entry;
      return;
    }
    if (this.overflow !== undefined && this.overflow.has(id)) {
      this.overflow.set(id, entry);
      return;
    }
    if (this.count >= (this.mask + 1) >>> 1) {
      // Keep the table at most half full so collisions stay rare.
      this.grow();
      this.set(id, entry);
      return;
    }
    if (held !== 0 && ++this.collisions > this.mask && this.mask < 16 * this.count) {
      // Long calls (say dozens of open streams) hold many slots that new
      // ids want, so many calls go through the overflow Map and its GC
      // cost: a larger table makes that rarer. It grows only while smaller
      // than 16x the calls it holds.
      this.grow();
      this.set(id, entry);
      return;
    }
    this.count++;
    if (held === 0) {
      this.ids[i] = id;
      this.slots[i] = entry;
    } else {
      (this.overflow ??= new Map()).set(id, entry);
    }
  }

  /** Removes the entry for `id`; false when there was none. */
  delete(id: number): boolean {
    const i = id & this.mask;
    if (this.ids[i] === id) {
      this.ids[i] = 0;
      this.slots[i] = undefined;
      this.count--;
      return true;
    }
    if (this.overflow !== undefined && this.overflow.delete(id)) {
      this.count--;
      return true;
    }
    return false;
  }

  /** The ids held, ascending (the order the calls started in). */
  keys(): number[] {
    const out: number[] = [];
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) out.push(ids[i] as number);
    if (this.overflow !== undefined) for (const id of this.overflow.keys()) out.push(id);
    return out.sort((a, b) => a - b);
  }

  /** The entries held, by ascending id. A copy: the table may change while it is walked. */
  values(): E[] {
    return this.keys().map((id) => this.get(id) as E);
  }

  /**
   * Calls `fn` with every entry, in no particular order, without copying
   * (for wake-ups on every socket drain). `fn` may delete entries.
   */
  forEach(fn: (entry: E) => void): void {
    const ids = this.ids;
    const slots = this.slots;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) fn(slots[i] as E);
    if (this.overflow !== undefined) for (const entry of [...this.overflow.values()]) fn(entry);
  }

  /** Removes every entry. */
  clear(): void {
    this.slots.fill(undefined);
    this.ids.fill(0);
    this.overflow = undefined;
    this.count = 0;
  }

  private grow(): void {
    const ids = this.keys();
    const entries = ids.map((id) => this.get(id) as E);
    // Clear the old array before dropping it, so that if it is already in
    // the old generation it does not keep the entries alive (see above).
    this.slots.fill(undefined);
    const n = (this.mask + 1) * 2;
    this.slots = new Array<E | undefined>(n).fill(undefined);
    this.ids = new Uint32Array(n);
    this.mask = n - 1;
    this.overflow = undefined;
    this.count = 0;
    this.collisions = 0;
    for (let k = 0; k < ids.length; k++) this.set(ids[k] as number, entries[k] as E);
  }
}
