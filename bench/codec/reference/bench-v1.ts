/**
 * Hand-written codec for bench.v1 (fixtures/proto/bench/v1/bench.proto) in
 * the shape generator/emit/message-codec.ts emits: free `X$new`, `X$write`,
 * `X$read` functions behind a `MessageType`-like const. It lets the
 * Reader/Writer be tuned before the generated fixture exists, and stays as
 * the baseline that generated code is compared with: if generated code is
 * slower than this, the emitter (not the runtime) is the place to look.
 *
 * Only the binary codec is here; the bench builds messages with
 * `payloadFromCanonicalJson`.
 */
import {
  endGroup, mergeMessage, Reader, setEntry, storeUnknown, unterminatedGroup, Writer, writeUnknown,
  type MessageType,
} from "../../../runtime/codegen.js";

export enum Kind {
  KIND_UNSPECIFIED = 0,
  KIND_A = 1,
  KIND_B = 2,
}

export interface Inner {
  note: string;
  children: Inner[];
  ts: bigint;
}

export interface Payload {
  id: number;
  name: string;
  values: bigint[];
  labels: { [key: string]: string };
  inner?: Inner;
  blob: Uint8Array;
  flag: boolean;
  score: number;
  kind: Kind;
}

/** The binary half of `MessageType`, which is all the bench needs. */
export type BinaryType<T extends object> = Pick<MessageType<T>, "typeName" | "encode" | "decode" | "write" | "read">;

function Inner$new(): Inner {
  return { note: "", children: [], ts: 0n };
}

function Inner$write(m: Inner, w: Writer): void {
  if (m.note !== "") w.uint32(10).string(m.note);
  for (const v of m.children) {
    w.uint32(18);
    const k = w.fork();
    Inner$write(v, w);
    w.join(k);
  }
  if (m.ts !== 0n) w.uint32(25).fixed64(m.ts);
  writeUnknown(m, w);
}

function Inner$read(r: Reader, length: number, group?: number): Inner {
  const m = Inner$new();
  const end = group === undefined ? r.pos + length : r.end;
  loop: while (r.pos < end) {
    const start = r.pos;
    const tag = r.uint32();
    switch (tag) {
      case 10:
        m.note = r.string();
        break;
      case 18:
        m.children.push(Inner$read(r, r.uint32()));
        break;
      case 25:
        m.ts = r.fixed64();
        break;
      default:
        if ((tag & 7) === 4) {
          endGroup(tag, group, start);
          group = undefined;
          break loop;
        }
        r.skip(tag);
        storeUnknown(m, r.buf, start, r.pos);
    }
  }
  if (group !== undefined) throw unterminatedGroup(group, r.pos);
  return m;
}

export const Inner: BinaryType<Inner> = {
  typeName: "bench.v1.Inner",
  encode(m: Inner): Uint8Array {
    const w = new Writer();
    Inner$write(m, w);
    return w.finish();
  },
  decode(bytes: Uint8Array): Inner {
    return Inner$read(new Reader(bytes), bytes.length);
  },
  write: Inner$write,
  read: Inner$read,
};

function Payload$new(): Payload {
  return { id: 0, name: "", values: [], labels: {}, inner: undefined, blob: new Uint8Array(0), flag: false, score: 0, kind: 0 };
}

function Payload$write(m: Payload, w: Writer): void {
  if (m.id !== 0) w.uint32(8).int32(m.id);
  if (m.name !== "") w.uint32(18).string(m.name);
  if (m.values.length !== 0) {
    w.uint32(26);
    const k = w.fork();
    for (const v of m.values) w.int64(v);
    w.join(k);
  }
  for (const key of Object.keys(m.labels)) {
    const v = m.labels[key]!;
    w.uint32(34);
    const k = w.fork();
    w.uint32(10).string(key);
    w.uint32(18).string(v);
    w.join(k);
  }
  if (m.inner !== undefined) {
    w.uint32(42);
    const k = w.fork();
    Inner$write(m.inner, w);
    w.join(k);
  }
  if (m.blob.length !== 0) w.uint32(50).bytes(m.blob);
  if (m.flag) w.uint32(56).bool(m.flag);
  if (m.score !== 0 || 1 / m.score < 0) w.uint32(65).double(m.score);
  if (m.kind !== 0) w.uint32(72).int32(m.kind);
  writeUnknown(m, w);
}

function Payload$read(r: Reader, length: number, group?: number): Payload {
  const m = Payload$new();
  const end = group === undefined ? r.pos + length : r.end;
  loop: while (r.pos < end) {
    const start = r.pos;
    const tag = r.uint32();
    switch (tag) {
      case 8:
        m.id = r.int32();
        break;
      case 18:
        m.name = r.string();
        break;
      case 24:
        m.values.push(r.int64());
        break;
      case 26: {
        const e = r.uint32() + r.pos;
        while (r.pos < e) m.values.push(r.int64());
        break;
      }
      case 34: {
        const e = r.uint32() + r.pos;
        let k = "";
        let v = "";
        while (r.pos < e) {
          const t = r.uint32();
          if (t === 10) k = r.string();
          else if (t === 18) v = r.string();
          else r.skip(t);
        }
        setEntry(m.labels, k, v);
        break;
      }
      case 42: {
        const len = r.uint32();
        m.inner = m.inner === undefined ? Inner$read(r, len) : mergeMessage(Inner as MessageType<Inner>, m.inner, r, len);
        break;
      }
      case 50:
        m.blob = r.bytes();
        break;
      case 56:
        m.flag = r.bool();
        break;
      case 65:
        m.score = r.double();
        break;
      case 72:
        m.kind = r.int32();
        break;
      default:
        if ((tag & 7) === 4) {
          endGroup(tag, group, start);
          group = undefined;
          break loop;
        }
        r.skip(tag);
        storeUnknown(m, r.buf, start, r.pos);
    }
  }
  if (group !== undefined) throw unterminatedGroup(group, r.pos);
  return m;
}

export const Payload: BinaryType<Payload> = {
  typeName: "bench.v1.Payload",
  encode(m: Payload): Uint8Array {
    const w = new Writer();
    Payload$write(m, w);
    return w.finish();
  },
  decode(bytes: Uint8Array): Payload {
    return Payload$read(new Reader(bytes), bytes.length);
  },
  write: Payload$write,
  read: Payload$read,
};

/** Canonical proto3 JSON of a bench Payload (as in fixtures/bench-payloads.json) to the reference shape. */
export function payloadFromCanonicalJson(json: unknown): Payload {
  const j = json as {
    id?: number; name?: string; values?: (string | number)[]; labels?: { [key: string]: string };
    inner?: unknown; blob?: string; flag?: boolean; score?: number; kind?: keyof typeof Kind;
  };
  const m = Payload$new();
  m.id = j.id ?? 0;
  m.name = j.name ?? "";
  m.values = (j.values ?? []).map((v) => BigInt(v));
  for (const [k, v] of Object.entries(j.labels ?? {})) setEntry(m.labels, k, v);
  if (j.inner !== undefined) m.inner = innerFromCanonicalJson(j.inner);
  m.blob = Uint8Array.from(Buffer.from(j.blob ?? "", "base64"));
  m.flag = j.flag ?? false;
  m.score = j.score ?? 0;
  m.kind = j.kind === undefined ? Kind.KIND_UNSPECIFIED : Kind[j.kind];
  return m;
}

function innerFromCanonicalJson(json: unknown): Inner {
  const j = json as { note?: string; children?: unknown[]; ts?: string };
  return { note: j.note ?? "", children: (j.children ?? []).map(innerFromCanonicalJson), ts: BigInt(j.ts ?? 0) };
}
