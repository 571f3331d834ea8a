import { MAX_PATH_REF } from "../framing/constants.js";

/**
 * @internal Client side of path interning (docs/protocol.md section 3): the
 * first CALL for a method spells the path out with a fresh ref, later ones
 * send only the ref. After 65,535 paths, new ones go literally with ref 0.
 */
export class PathInterner {
  private readonly refs = new Map<string, number>();
  private next = 1;
  /** The literal to send with the ref `ref()` just returned; undefined when the server knows it. */
  literal: Uint8Array | undefined = undefined;

  /** The ref for `path`, setting `literal` when the path must be spelled out. */
  ref(path: string): number {
    let ref = this.refs.get(path);
    if (ref !== undefined && ref > 0) {
      this.literal = undefined;
      return ref;
    }
    this.literal = Buffer.from(path, "utf8");
    if (ref === undefined) {
      ref = this.next <= MAX_PATH_REF ? this.next++ : 0;
    } else if (ref < 0) {
      ref = -ref;
    }
    this.refs.set(path, ref);
    return ref;
  }

  /**
   * The CALL frame that spelled out `path` (the last `ref()`) was withdrawn
   * before it was sent: spell it out again next time, under the same ref.
   */
  withdraw(path: string): void {
    const ref = this.refs.get(path);
    if (this.literal !== undefined && ref !== undefined && ref > 0) this.refs.set(path, -ref);
  }
}
