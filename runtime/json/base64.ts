/**
 * Base64 for the JSON mapping of `bytes`: written in the standard alphabet
 * with padding; read in either the standard or the URL-safe alphabet, with or
 * without padding, as the proto3 JSON spec requires. Portable (no Buffer).
 */
import { JsonError } from "./json-error.js";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const decodeTable = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) decodeTable[alphabet.charCodeAt(i)] = i;
decodeTable["-".charCodeAt(0)] = 62;
decodeTable["_".charCodeAt(0)] = 63;

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += alphabet.charAt(n >>> 18) + alphabet.charAt((n >>> 12) & 63) + alphabet.charAt((n >>> 6) & 63) + alphabet.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${alphabet.charAt(n >>> 18)}${alphabet.charAt((n >>> 12) & 63)}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${alphabet.charAt(n >>> 18)}${alphabet.charAt((n >>> 12) & 63)}${alphabet.charAt((n >>> 6) & 63)}=`;
  }
  return out;
}

/** Decodes standard or URL-safe base64, padded or not; throws JsonError on anything else. */
export function base64Decode(text: string, where: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) throw new JsonError(`${where}: invalid base64`);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let count = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (decodeTable[c] as number) : -1;
    if (v < 0) throw new JsonError(`${where}: invalid base64 character ${JSON.stringify(text.charAt(i))}`);
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out[o++] = (bits >>> count) & 0xff;
    }
  }
  return out.subarray(0, o);
}
