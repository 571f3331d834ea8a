/**
 * Turns the literal written in `[default = ...]` into the text protoc puts in
 * FieldDescriptorProto.default_value. protobufjs hands back a JavaScript
 * value, which loses 64-bit precision, hex and octal spelling, `-0`, and the
 * bytes behind string escapes; so the loader passes the raw tokens instead.
 */
import type { ScalarType } from "../model/model.js";
import type { Token } from "./proto-lexer.js";

/** The default of an enum field is its value name; of a scalar, protoc's text for the literal. */
export function formatDefault(type: ScalarType | "enum", tokens: readonly Token[]): string {
  if (type === "string") return new TextDecoder().decode(stringBytes(tokens));
  if (type === "bytes") return cEscape(stringBytes(tokens));
  const negative = tokens[0]?.text === "-";
  const literal = tokens[negative ? 1 : 0]?.text ?? "";
  if (type === "enum" || type === "bool") return literal;
  if (type === "double" || type === "float") return (negative ? "-" : "") + simpleDtoa(parseFloatLiteral(literal));
  // Integers: protoc prints the parsed value in decimal, so -0 becomes 0.
  const value = BigInt(/^0[0-7]+$/.test(literal) ? `0o${literal.slice(1)}` : literal);
  return String(negative ? -value : value);
}

function parseFloatLiteral(literal: string): number {
  const lower = literal.toLowerCase();
  if (lower === "inf" || lower === "infinity") return Infinity;
  if (lower === "nan") return NaN;
  if (/^0x/i.test(literal)) return Number(BigInt(literal));
  if (/^0[0-7]+$/.test(literal)) return Number(BigInt(`0o${literal.slice(1)}`));
  return Number.parseFloat(literal);
}

/**
 * protoc's SimpleDtoa: `%.15g`, or `%.17g` when 15 digits do not read back
 * as the same double.
 */
export function simpleDtoa(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  const short = formatG(value, 15);
  return Number(short) === value ? short : formatG(value, 17);
}

/** C's `%.<precision>g`. */
function formatG(value: number, precision: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa = "", exponentText = "0"] = value.toExponential(precision - 1).split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= precision) {
    const digits = stripZeros(mantissa);
    const sign = exponent < 0 ? "-" : "+";
    return `${digits}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return stripZeros(value.toFixed(precision - 1 - exponent));
}

function stripZeros(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** Concatenated string literals (with quotes), unescaped to bytes the way protoc's tokenizer does. */
export function stringBytes(tokens: readonly Token[]): Uint8Array {
  const out: number[] = [];
  for (const token of tokens) {
    if (token.kind === "string") unescapeInto(token.text.slice(1, -1), out);
  }
  return Uint8Array.from(out);
}

const simpleEscapes: Readonly<Record<string, number>> = {
  a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, "?": 63, "'": 39, '"': 34,
};

function unescapeInto(body: string, out: number[]): void {
  const encoder = new TextEncoder();
  const chars = Array.from(body);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    if (ch !== "\\" || i + 1 >= chars.length) {
      out.push(...encoder.encode(ch));
      continue;
    }
    const esc = chars[++i] ?? "";
    if (/[0-7]/.test(esc)) {
      let code = Number(esc);
      for (let n = 0; n < 2 && /[0-7]/.test(chars[i + 1] ?? ""); n++) code = code * 8 + Number(chars[++i]);
      out.push(code & 0xff);
    } else if (esc === "x" || esc === "X") {
      let code = 0;
      for (let n = 0; n < 2 && /[0-9a-fA-F]/.test(chars[i + 1] ?? ""); n++) code = code * 16 + Number.parseInt(chars[++i] ?? "0", 16);
      out.push(code);
    } else if (esc === "u" || esc === "U") {
      const width = esc === "u" ? 4 : 8;
      const hex = chars.slice(i + 1, i + 1 + width).join("");
      if (hex.length === width && /^[0-9a-fA-F]+$/.test(hex)) {
        i += width;
        let point = Number.parseInt(hex, 16);
        // A \u high surrogate followed by a \u low surrogate is one code point.
        const next = chars.slice(i + 1, i + 7).join("");
        if (esc === "u" && point >= 0xd800 && point < 0xdc00 && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/.test(next)) {
          point = 0x10000 + ((point - 0xd800) << 10) + (Number.parseInt(next.slice(2), 16) - 0xdc00);
          i += 6;
        }
        out.push(...encoder.encode(String.fromCodePoint(point)));
      } else {
        out.push(esc.charCodeAt(0));
      }
    } else {
      out.push(simpleEscapes[esc] ?? 63);
    }
  }
}

/** protoc's CEscape: named escapes for a few characters, octal for the rest outside printable ASCII. */
export function cEscape(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    if (b === 10) out += "\\n";
    else if (b === 13) out += "\\r";
    else if (b === 9) out += "\\t";
    else if (b === 34) out += '\\"';
    else if (b === 39) out += "\\'";
    else if (b === 92) out += "\\\\";
    else if (b < 0x20 || b >= 0x7f) out += "\\" + b.toString(8).padStart(3, "0");
    else out += String.fromCharCode(b);
  }
  return out;
}
