/**
 * The codecs under test, behind one small interface. Each is loaded in its
 * own worker process, so only the chosen one's code is ever compiled there.
 *
 * Peers are generated from the project's fixture proto at bench time (see
 * prepare-peers.ts); nothing is taken from ../shared at run time.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { benchWork, repoRoot } from "./paths.js";

/** One codec, ready to run on one message. */
export interface CodecUnderTest {
  /** The message built from canonical proto3 JSON with the library's own converter. */
  build(json: unknown): unknown;
  encode(message: unknown): Uint8Array;
  decode(bytes: Uint8Array): unknown;
}

export interface CodecEntry {
  readonly key: string;
  readonly label: string;
  /** Undefined when it cannot run here (the reason is printed instead). */
  unavailable(): string | undefined;
  /** Whether it runs without `--only` naming it. */
  byDefault(): boolean;
  load(): Promise<CodecUnderTest>;
}

/** Where tsc puts the CLI's output for the bench fixture (fixtures/gen/bench/v1/bench.ts). */
const generatedModule = path.join(repoRoot, "dist/fixtures/gen/bench/v1/bench.js");
const referenceModule = path.join(repoRoot, "dist/bench/codec/reference/bench-v1.js");
export const pbjsModule = path.join(benchWork, "pbjs/bench.cjs");
export const esModule = path.join(benchWork, "es/bench/v1/bench_pb.js");

interface GeneratedPayload {
  fromJSON(json: unknown): object;
  encode(message: object): Uint8Array;
  decode(bytes: Uint8Array): object;
}

interface PbjsPayload {
  fromObject(json: unknown): object;
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
}

interface EsRuntime {
  fromJson(schema: unknown, json: unknown): object;
  toBinary(schema: unknown, message: object): Uint8Array;
  fromBinary(schema: unknown, bytes: Uint8Array): object;
}

const missing = (file: string, hint: string): string | undefined => (existsSync(file) ? undefined : `${path.relative(repoRoot, file)} missing (${hint})`);

export const codecs: readonly CodecEntry[] = [
  {
    key: "protostub",
    label: "**protostub** (generated fixtures/gen)",
    unavailable: () => missing(generatedModule, "run npm run gen:fixtures, then build"),
    byDefault: () => true,
    async load() {
      const mod = (await import(pathToFileURL(generatedModule).href)) as { Payload: GeneratedPayload };
      const t = mod.Payload;
      return { build: (json) => t.fromJSON(json), encode: (m) => t.encode(m as object), decode: (b) => t.decode(b) };
    },
  },
  {
    key: "reference",
    label: "protostub hand-written reference (bench/codec/reference)",
    unavailable: () => missing(referenceModule, "run the build"),
    // The stand-in until generated code exists; afterwards on request (--only), to compare shapes.
    byDefault: () => !existsSync(generatedModule),
    async load() {
      const mod = (await import(pathToFileURL(referenceModule).href)) as typeof import("./reference/bench-v1.js");
      const t = mod.Payload;
      return {
        build: (json) => mod.payloadFromCanonicalJson(json),
        encode: (m) => t.encode(m as import("./reference/bench-v1.js").Payload),
        decode: (b) => t.decode(b),
      };
    },
  },
  {
    key: "pbjs",
    label: "protobufjs 8 static (`pbjs -t static-module`)",
    unavailable: () => missing(pbjsModule, "prepare-peers failed"),
    byDefault: () => true,
    async load() {
      const root = createRequire(import.meta.url)(pbjsModule) as { bench: { v1: { Payload: PbjsPayload } } };
      const t = root.bench.v1.Payload;
      return { build: (json) => t.fromObject(json), encode: (m) => t.encode(m as object).finish(), decode: (b) => t.decode(b) };
    },
  },
  {
    key: "es",
    label: "@bufbuild/protobuf v2 (protoc-gen-es; `toBinary`/`fromBinary`)",
    unavailable: () => missing(esModule, "prepare-peers failed"),
    byDefault: () => true,
    async load() {
      const es = (await import("@bufbuild/protobuf")) as unknown as EsRuntime;
      const { PayloadSchema } = (await import(pathToFileURL(esModule).href)) as { PayloadSchema: unknown };
      return {
        build: (json) => es.fromJson(PayloadSchema, json),
        encode: (m) => es.toBinary(PayloadSchema, m as object),
        decode: (b) => es.fromBinary(PayloadSchema, b),
      };
    },
  },
];
