/**
 * One table of every scalar the codec handles: its edge values, a random
 * generator, and how to write and read it with our codec, protobufjs and
 * @bufbuild/protobuf. Shared by the cross-check and round-trip tests.
 * @internal
 */
import { BinaryReader, BinaryWriter } from "@bufbuild/protobuf/wire";
import fc from "fast-check";
import protobuf from "protobufjs/minimal.js";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

export interface ScalarCase<T> {
  readonly name: string;
  readonly edges: readonly T[];
  readonly arbitrary: fc.Arbitrary<T>;
  readonly write: (w: Writer, v: T) => void;
  readonly read: (r: Reader) => T;
  /** protobufjs; absent where it cannot take the value (lone surrogates). */
  readonly pbjsWrite?: (w: protobuf.Writer, v: T) => void;
  readonly pbjsRead?: (r: protobuf.Reader) => T;
  readonly esWrite: (w: BinaryWriter, v: T) => void;
  readonly esRead: (r: BinaryReader) => T;
  /** Same value (Object.is for numbers, element-wise for bytes). */
  readonly same: (a: T, b: T) => boolean;
}

/** Hides T behind closures so that cases of different types fit in one array. */
export interface AnyScalarCase {
  readonly name: string;
  readonly run: <R>(use: <T>(c: ScalarCase<T>) => R) => R;
}

function scalar<T>(c: ScalarCase<T>): AnyScalarCase {
  return { name: c.name, run: (use) => use(c) };
}

const same = (a: unknown, b: unknown): boolean => Object.is(a, b);

const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
const textEncoder = new TextEncoder();
/** `s` with lone surrogates replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
export function wellFormedOf(s: string): string {
  return textDecoder.decode(textEncoder.encode(s));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const int32Edges = [0, 1, -1, 127, 128, 300, -300, 16383, 16384, INT32_MAX, INT32_MIN, 2 ** 28, -(2 ** 28)];
const uint32Edges = [0, 1, 127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28 - 1, 2 ** 28, INT32_MAX, 2 ** 31, UINT32_MAX];
const int64Edges = [
  0n, 1n, -1n, 127n, 128n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n),
  2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) + 1n, -(2n ** 53n), -(2n ** 53n) - 1n,
  INT64_MAX, INT64_MIN, INT64_MIN + 1n, 1700000000000n,
];
const uint64Edges = [0n, 1n, 127n, 128n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n, UINT64_MAX];
const doubleEdges = [
  0, -0, 1, -1, 0.1, 0.75, Math.PI, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE,
  Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, Number.EPSILON,
];
const floatEdges = [0, -0, 1, -1, 0.75, Math.fround(0.1), NaN, Infinity, -Infinity, Math.fround(3.4028234663852886e38), 2 ** -149];

const int32 = fc.integer({ min: INT32_MIN, max: INT32_MAX });
const uint32 = fc.integer({ min: 0, max: UINT32_MAX });
// Mix small magnitudes in: uniform 64-bit values almost never take the short paths.
const bigintIn = (min: bigint, max: bigint): fc.Arbitrary<bigint> =>
  fc.oneof(fc.bigInt({ min, max }), fc.bigInt({ min: min < -1000n ? -1000n : min, max: 100000n }));

/** protobufjs takes 64-bit values as decimal strings too (parsed with its Long). */
const longOf = (v: bigint): string => v.toString();
const fromLong = (l: protobuf.Long | number): bigint => BigInt(l.toString());
const esBig = (v: bigint | string): bigint => BigInt(v);

/** Strings that protobufjs also encodes (well-formed UTF-16). */
const wellFormed = fc.string({ unit: "binary", maxLength: 80 });
/** Any UTF-16, lone surrogates included. */
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 });

export const stringEdges = [
  "", "a", "small-payload", "\u00e9", "\u20ac", "\ud83d\ude00", "\ufeffbom", "x".repeat(15), "x".repeat(16), "x".repeat(17), "x".repeat(31), "x".repeat(32), "x".repeat(33),
  "x".repeat(42), "\u20ac".repeat(42), "\u20ac".repeat(43), "x".repeat(127), "x".repeat(128), "\u00e9".repeat(64),
  "x".repeat(16383), "x".repeat(16384), "\u20ac".repeat(5462), "a\u0000b",
];
export const loneSurrogates = ["\ud800", "\udc00", "a\ud800", "\udc00\ud800", "x\ud83dy", "\ud83d".repeat(40), "\ude00".repeat(12) + "x".repeat(30)];

export const scalarCases: readonly AnyScalarCase[] = [
  scalar<number>({
    name: "int32", edges: int32Edges, arbitrary: int32, same,
    write: (w, v) => w.int32(v), read: (r) => r.int32(),
    pbjsWrite: (w, v) => w.int32(v), pbjsRead: (r) => r.int32(),
    esWrite: (w, v) => w.int32(v), esRead: (r) => r.int32(),
  }),
  scalar<number>({
    name: "uint32", edges: uint32Edges, arbitrary: uint32, same,
    write: (w, v) => w.uint32(v), read: (r) => r.uint32(),
    pbjsWrite: (w, v) => w.uint32(v), pbjsRead: (r) => r.uint32(),
    esWrite: (w, v) => w.uint32(v), esRead: (r) => r.uint32(),
  }),
  scalar<number>({
    name: "sint32", edges: int32Edges, arbitrary: int32, same,
    write: (w, v) => w.sint32(v), read: (r) => r.sint32(),
    pbjsWrite: (w, v) => w.sint32(v), pbjsRead: (r) => r.sint32(),
    esWrite: (w, v) => w.sint32(v), esRead: (r) => r.sint32(),
  }),
  scalar<number>({
    name: "fixed32", edges: uint32Edges, arbitrary: uint32, same,
    write: (w, v) => w.fixed32(v), read: (r) => r.fixed32(),
    pbjsWrite: (w, v) => w.fixed32(v), pbjsRead: (r) => r.fixed32(),
    esWrite: (w, v) => w.fixed32(v), esRead: (r) => r.fixed32(),
  }),
  scalar<number>({
    name: "sfixed32", edges: int32Edges, arbitrary: int32, same,
    write: (w, v) => w.sfixed32(v), read: (r) => r.sfixed32(),
    pbjsWrite: (w, v) => w.sfixed32(v), pbjsRead: (r) => r.sfixed32(),
    esWrite: (w, v) => w.sfixed32(v), esRead: (r) => r.sfixed32(),
  }),
  scalar<boolean>({
    name: "bool", edges: [false, true], arbitrary: fc.boolean(), same,
    write: (w, v) => w.bool(v), read: (r) => r.bool(),
    pbjsWrite: (w, v) => w.bool(v), pbjsRead: (r) => r.bool(),
    esWrite: (w, v) => w.bool(v), esRead: (r) => r.bool(),
  }),
  scalar<number>({
    name: "float", edges: floatEdges, arbitrary: fc.float(), same,
    write: (w, v) => w.float(v), read: (r) => r.float(),
    pbjsWrite: (w, v) => w.float(v), pbjsRead: (r) => r.float(),
    esWrite: (w, v) => w.float(v), esRead: (r) => r.float(),
  }),
  scalar<number>({
    name: "double", edges: doubleEdges, arbitrary: fc.double(), same,
    write: (w, v) => w.double(v), read: (r) => r.double(),
    pbjsWrite: (w, v) => w.double(v), pbjsRead: (r) => r.double(),
    esWrite: (w, v) => w.double(v), esRead: (r) => r.double(),
  }),
  scalar<bigint>({
    name: "int64", edges: int64Edges, arbitrary: bigintIn(INT64_MIN, INT64_MAX), same,
    write: (w, v) => w.int64(v), read: (r) => r.int64(),
    pbjsWrite: (w, v) => w.int64(longOf(v)), pbjsRead: (r) => fromLong(r.int64()),
    esWrite: (w, v) => w.int64(v), esRead: (r) => esBig(r.int64()),
  }),
  scalar<bigint>({
    name: "uint64", edges: uint64Edges, arbitrary: bigintIn(0n, UINT64_MAX), same,
    write: (w, v) => w.uint64(v), read: (r) => r.uint64(),
    pbjsWrite: (w, v) => w.uint64(longOf(v)), pbjsRead: (r) => fromLong(r.uint64()),
    esWrite: (w, v) => w.uint64(v), esRead: (r) => esBig(r.uint64()),
  }),
  scalar<bigint>({
    name: "sint64", edges: int64Edges, arbitrary: bigintIn(INT64_MIN, INT64_MAX), same,
    write: (w, v) => w.sint64(v), read: (r) => r.sint64(),
    pbjsWrite: (w, v) => w.sint64(longOf(v)), pbjsRead: (r) => fromLong(r.sint64()),
    esWrite: (w, v) => w.sint64(v), esRead: (r) => esBig(r.sint64()),
  }),
  scalar<bigint>({
    name: "fixed64", edges: uint64Edges, arbitrary: bigintIn(0n, UINT64_MAX), same,
    write: (w, v) => w.fixed64(v), read: (r) => r.fixed64(),
    pbjsWrite: (w, v) => w.fixed64(longOf(v)), pbjsRead: (r) => fromLong(r.fixed64()),
    esWrite: (w, v) => w.fixed64(v), esRead: (r) => esBig(r.fixed64()),
  }),
  scalar<bigint>({
    name: "sfixed64", edges: int64Edges, arbitrary: bigintIn(INT64_MIN, INT64_MAX), same,
    write: (w, v) => w.sfixed64(v), read: (r) => r.sfixed64(),
    pbjsWrite: (w, v) => w.sfixed64(longOf(v)), pbjsRead: (r) => fromLong(r.sfixed64()),
    esWrite: (w, v) => w.sfixed64(v), esRead: (r) => esBig(r.sfixed64()),
  }),
  scalar<string>({
    name: "string", edges: stringEdges, arbitrary: wellFormed, same,
    write: (w, v) => w.string(v), read: (r) => r.string(),
    pbjsWrite: (w, v) => w.string(v), pbjsRead: (r) => r.string(),
    esWrite: (w, v) => w.string(v), esRead: (r) => r.string(),
  }),
  scalar<string>({
    // Lone surrogates cannot be UTF-8: both sides write U+FFFD, so compare bytes, not round trips.
    name: "string (lone surrogates)", edges: loneSurrogates, arbitrary: anyUtf16,
    same: (a, b) => wellFormedOf(a) === wellFormedOf(b),
    write: (w, v) => w.string(v), read: (r) => r.string(),
    esWrite: (w, v) => w.string(v), esRead: (r) => r.string(),
  }),
  scalar<Uint8Array>({
    name: "bytes", arbitrary: fc.uint8Array({ maxLength: 300 }), same: sameBytes,
    edges: [0, 1, 8, 32, 33, 64, 65, 127, 128, 5000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7) & 0xff)),
    write: (w, v) => w.bytes(v), read: (r) => r.bytes(),
    pbjsWrite: (w, v) => w.bytes(v), pbjsRead: (r) => r.bytes(),
    esWrite: (w, v) => w.bytes(v), esRead: (r) => r.bytes(),
  }),
];
