/**
 * JSON forms of google.protobuf.Timestamp (RFC 3339, "Z", 0/3/6/9 fractional
 * digits) and google.protobuf.Duration ("-1.500s"), with the ranges the
 * well-known-type definitions give. Seconds travel as bigint; generated code
 * converts to and from the `--int64` representation.
 * @internal
 */
import type { JsonValue } from "../message-type.js";
import { describeJson, JsonError } from "./json-error.js";

const TIMESTAMP_MIN = -62135596800n; // 0001-01-01T00:00:00Z
const TIMESTAMP_MAX = 253402300799n; // 9999-12-31T23:59:59Z
const DURATION_MAX = 315576000000n; // 10,000 years

/** Fraction digits in groups of three, as the spec's writers do: "", ".5" -> ".500", ... */
function fraction(nanos: number): string {
  if (nanos === 0) return "";
  const digits = String(nanos).padStart(9, "0");
  if (digits.endsWith("000000")) return `.${digits.slice(0, 3)}`;
  if (digits.endsWith("000")) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

function parseNanos(text: string | undefined): number {
  return text === undefined || text === "" ? 0 : Number(text.slice(1).padEnd(9, "0"));
}

export function timestampToJSON(seconds: bigint, nanos: number): string {
  if (seconds < TIMESTAMP_MIN || seconds > TIMESTAMP_MAX || !Number.isInteger(nanos) || nanos < 0 || nanos > 999999999) {
    throw new JsonError(`google.protobuf.Timestamp out of range: ${seconds}s ${nanos}ns`);
  }
  const iso = new Date(Number(seconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${iso.slice(0, 19)}${fraction(nanos)}Z`;
}

const timestampPattern = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function timestampFromJSON(json: JsonValue, where: string): { seconds: bigint; nanos: number } {
  const m = typeof json === "string" ? timestampPattern.exec(json) : null;
  if (m === null) throw new JsonError(`${where}: invalid google.protobuf.Timestamp: ${describeJson(json)}`);
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  let seconds = BigInt(Math.floor(date.getTime() / 1000));
  if (sign !== undefined) {
    const offset = BigInt(Number(oh) * 3600 + Number(om) * 60);
    seconds = sign === "+" ? seconds - offset : seconds + offset;
  }
  // Out-of-range parts roll over in Date (month 13 is next January): compare back.
  const rolled = date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)
    || date.getUTCHours() !== Number(h) || date.getUTCMinutes() !== Number(mi) || date.getUTCSeconds() !== Number(s);
  if (seconds < TIMESTAMP_MIN || seconds > TIMESTAMP_MAX || rolled || Number(oh) > 23 || Number(om) > 59) {
    throw new JsonError(`${where}: google.protobuf.Timestamp out of range: ${describeJson(json)}`);
  }
  return { seconds, nanos: parseNanos(frac) };
}

export function durationToJSON(seconds: bigint, nanos: number): string {
  if (seconds < -DURATION_MAX || seconds > DURATION_MAX || !Number.isInteger(nanos) || Math.abs(nanos) > 999999999
    || (seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) {
    throw new JsonError(`google.protobuf.Duration out of range: ${seconds}s ${nanos}ns`);
  }
  const negative = seconds < 0n || nanos < 0;
  const abs = seconds < 0n ? -seconds : seconds;
  return `${negative ? "-" : ""}${abs}${fraction(Math.abs(nanos))}s`;
}

const durationPattern = /^(-)?(\d+)(\.\d{1,9})?s$/;

export function durationFromJSON(json: JsonValue, where: string): { seconds: bigint; nanos: number } {
  const m = typeof json === "string" ? durationPattern.exec(json) : null;
  if (m === null) throw new JsonError(`${where}: invalid google.protobuf.Duration: ${describeJson(json)}`);
  const [, minus, whole, frac] = m;
  const abs = BigInt(whole ?? "0");
  if (abs > DURATION_MAX) throw new JsonError(`${where}: google.protobuf.Duration out of range: ${describeJson(json)}`);
  const nanos = parseNanos(frac);
  return minus === undefined ? { seconds: abs, nanos } : { seconds: -abs, nanos: nanos === 0 ? 0 : -nanos };
}

/** FieldMask paths to JSON: each path lowerCamelCased, joined by commas. */
export function fieldMaskToJSON(paths: readonly string[]): string {
  return paths
    .map((path) => {
      // Only paths that survive the round trip back to snake_case are allowed.
      if (/[A-Z]/.test(path) || /_(?![a-z])/.test(path)) {
        throw new JsonError(`google.protobuf.FieldMask path cannot be mapped to JSON: ${describeJson(path)}`);
      }
      return path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    })
    .join(",");
}

export function fieldMaskFromJSON(json: JsonValue, where: string): string[] {
  if (typeof json !== "string") throw new JsonError(`${where}: invalid google.protobuf.FieldMask: ${describeJson(json)}`);
  if (json === "") return [];
  return json.split(",").map((path) => {
    if (path.includes("_")) throw new JsonError(`${where}: invalid google.protobuf.FieldMask path: ${describeJson(path)}`);
    return path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  });
}
