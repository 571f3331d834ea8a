import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";

/**
 * A metadata value: `Uint8Array` for keys ending in `-bin`, printable ASCII
 * strings (0x20-0x7E) for every other key, as in gRPC, so that the same
 * metadata maps onto HTTP/2 headers unchanged in the gRPC mode.
 */
export type MetadataValue = string | Uint8Array;

/**
 * Request headers, response headers or trailers. Keys are lowercase
 * `[0-9a-z_.-]`; one value per key (a key repeated on the wire: last wins).
 */
export type Metadata = Readonly<Record<string, MetadataValue>>;

/** The shared empty metadata (frozen), so calls without metadata allocate nothing. */
export const EMPTY_METADATA: Metadata = Object.freeze(Object.create(null) as Record<string, MetadataValue>);

/** Whether `key` names a binary (`-bin`) entry. */
export function isBinaryKey(key: string): boolean {
  return key.endsWith("-bin");
}

function validKey(key: string): boolean {
  if (key.length === 0 || key.length > 255) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    // [0-9a-z_.-] per the gRPC spec's Header-Name rule.
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d;
    if (!ok) return false;
  }
  return true;
}

function validAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/**
 * Checks metadata before anything is sent (RELIABILITY B6). Returns an
 * `INTERNAL` error naming the first bad entry, or undefined when valid.
 */
export function validateMetadata(md: Metadata): RpcError | undefined {
  for (const key in md) {
    const value = md[key];
    if (!validKey(key)) {
      return new RpcError(Status.INTERNAL, `invalid metadata key ${JSON.stringify(key)}: keys are 1-255 chars of [0-9a-z_.-]`);
    }
    if (isBinaryKey(key)) {
      if (!(value instanceof Uint8Array)) {
        return new RpcError(Status.INTERNAL, `metadata key ${JSON.stringify(key)} ends in -bin and needs a Uint8Array value`);
      }
    } else if (typeof value !== "string" || !validAscii(value)) {
      return new RpcError(Status.INTERNAL, `metadata key ${JSON.stringify(key)} needs a printable ASCII string value`);
    }
  }
  return undefined;
}

/** Whether the object has no own keys (cheaper than Object.keys().length). */
export function isEmptyMetadata(md: Metadata): boolean {
  for (const _ in md) return false;
  return true;
}
