/**
 * Hand-written message types and a four-method service for the transport
 * tests, so they do not depend on the generator (a tiny codec over three
 * fields: 1 string `text`, 2 int32 `n`, 3 bytes `blob`).
 * TODO(transport): switch to fixtures/gen once `npm run gen:fixtures` exists.
 */
import type { MessageType, PartialMessage } from "../runtime/message-type.js";
import type { ServiceImpl } from "../runtime/server/service-impl.js";
import type { ServiceDefinition } from "../runtime/service-definition.js";

export interface Text {
  text: string;
  n: number;
  blob: Uint8Array;
}

function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

function putVarint(b: Uint8Array, p: number, v: number): number {
  while (v >= 0x80) {
    b[p++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  b[p++] = v;
  return p;
}

function getVarint(b: Uint8Array, pos: { p: number }): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos.p >= b.length) throw new Error("truncated varint");
    const byte = b[pos.p++] as number;
    v += (byte & 0x7f) * mul;
    if (byte < 0x80) return v;
    mul *= 128;
  }
  throw new Error("varint too long");
}

function encodeText(m: Text): Uint8Array {
  const text = Buffer.from(m.text, "utf8");
  const n = m.n >>> 0;
  const size =
    (text.length > 0 ? 1 + varintSize(text.length) + text.length : 0) +
    (n !== 0 ? 1 + varintSize(n) : 0) +
    (m.blob.length > 0 ? 1 + varintSize(m.blob.length) + m.blob.length : 0);
  const out = new Uint8Array(size);
  let p = 0;
  if (text.length > 0) {
    out[p++] = 0x0a;
    p = putVarint(out, p, text.length);
    out.set(text, p);
    p += text.length;
  }
  if (n !== 0) {
    out[p++] = 0x10;
    p = putVarint(out, p, n);
  }
  if (m.blob.length > 0) {
    out[p++] = 0x1a;
    p = putVarint(out, p, m.blob.length);
    out.set(m.blob, p);
  }
  return out;
}

function decodeText(b: Uint8Array): Text {
  const m: Text = { text: "", n: 0, blob: new Uint8Array(0) };
  const pos = { p: 0 };
  while (pos.p < b.length) {
    const tag = getVarint(b, pos);
    if (tag === 0x10) {
      m.n = getVarint(b, pos) | 0;
      continue;
    }
    if (tag !== 0x0a && tag !== 0x1a) throw new Error(`unexpected tag ${tag}`);
    const len = getVarint(b, pos);
    if (pos.p + len > b.length) throw new Error("truncated length-delimited field");
    const bytes = b.subarray(pos.p, pos.p + len);
    pos.p += len;
    if (tag === 0x0a) m.text = Buffer.from(bytes).toString("utf8");
    else m.blob = new Uint8Array(bytes);
  }
  return m;
}

function unsupported(): never {
  throw new Error("not used by the transport tests");
}

/** The test message type. */
export const Text: MessageType<Text> = {
  typeName: "test.Text",
  create: (init?: PartialMessage<Text>): Text => ({ text: init?.text ?? "", n: init?.n ?? 0, blob: init?.blob ?? new Uint8Array(0) }),
  encode: encodeText,
  decode: decodeText,
  toJSON: unsupported,
  fromJSON: unsupported,
  equals: (a, b) => a.text === b.text && a.n === b.n && Buffer.from(a.blob).equals(Buffer.from(b.blob)),
  write: unsupported,
  read: unsupported,
};

function method<K extends "unary" | "server-stream" | "client-stream" | "bidi">(name: string, kind: K) {
  return {
    name,
    path: `/test.Tester/${name}`,
    kind,
    requestType: Text,
    responseType: Text,
    requestStream: kind === "client-stream" || kind === "bidi",
    responseStream: kind === "server-stream" || kind === "bidi",
    idempotent: false,
  } as const;
}

/** A service with all four kinds, shaped like a generated `XxxDefinition`. */
export const TesterDefinition = {
  typeName: "test.Tester",
  methods: {
    echo: method("Echo", "unary"),
    download: method("Download", "server-stream"),
    upload: method("Upload", "client-stream"),
    chat: method("Chat", "bidi"),
  },
} as const satisfies ServiceDefinition;

/** A method no server implements. */
export const MissingDefinition = {
  typeName: "test.Missing",
  methods: { nope: { ...method("Nope", "unary"), path: "/test.Missing/Nope" } },
} as const satisfies ServiceDefinition;

/** Resolves after `ms`. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Rejects if `p` takes longer than `ms` (a hang fails fast, with a message). */
export async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Collects an async iterable into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** A complete Tester implementation: `overrides` plus handlers that answer with empty messages. */
export function testerImpl(overrides: Partial<ServiceImpl<typeof TesterDefinition>>): ServiceImpl<typeof TesterDefinition> {
  return {
    echo: () => ({}),
    download: function* () {},
    upload: () => ({}),
    chat: function* () {},
    ...overrides,
  };
}
