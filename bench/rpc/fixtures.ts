/**
 * The benchmark schema and payloads, read from the project's fixtures (never
 * from outside the checkout, so the bench measures what the repo ships).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";
import type { JsonValue } from "../../runtime/codegen.js";
import type { Workload } from "./points.js";

/** A JSON object in the proto3 canonical mapping. */
export type JsonObject = { [key: string]: JsonValue };

/** What every adapter gets: where the schema is and the two payloads. */
export interface BenchFixtures {
  /** The project's root (holds `fixtures/` and `dist/`). */
  readonly root: string;
  /** Absolute path of `bench.proto` (package bench.v1). */
  readonly protoPath: string;
  /** Canonical-JSON `bench.v1.Payload` values. */
  readonly small: JsonObject;
  readonly large: JsonObject;
}

/** Root of the checkout, from this file's place in `dist/bench/rpc/`. */
export function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads `fixtures/bench-payloads.json` and locates
 * `fixtures/proto/bench/v1/bench.proto` under `fixturesDir` (default: the
 * project's `fixtures/`). Throws naming the missing file.
 */
export function loadFixtures(fixturesDir?: string): BenchFixtures {
  const root = projectRoot();
  const dir = fixturesDir ?? join(root, "fixtures");
  const protoPath = join(dir, "proto", "bench", "v1", "bench.proto");
  const payloadsPath = join(dir, "bench-payloads.json");
  readFileSync(protoPath); // fail here, with the path, rather than deep in a loader
  const parsed: unknown = JSON.parse(readFileSync(payloadsPath, "utf8"));
  if (!isJsonObject(parsed) || !isJsonObject(parsed["small"]) || !isJsonObject(parsed["large"])) {
    throw new Error(`${payloadsPath}: expected an object with "small" and "large" payloads`);
  }
  return { root, protoPath, small: parsed["small"], large: parsed["large"] };
}

/**
 * The canonical-JSON payload a client sends for `workload`: the small or
 * large payload for Echo, the small one with `id` = message count for
 * Download (the server streams that many copies back).
 */
export function requestPayload(fixtures: BenchFixtures, workload: Workload): JsonObject {
  if (workload.kind === "download") return { ...fixtures.small, id: workload.count };
  return workload.payload === "small" ? fixtures.small : fixtures.large;
}

/**
 * Encodes `bench.v1.EchoRequest { payload }` once, with protobufjs, for the
 * raw echo that sends pre-encoded bytes and never runs a codec per call.
 */
export function encodeEchoRequest(fixtures: BenchFixtures, payload: JsonObject): Uint8Array {
  const root = protobuf.loadSync(fixtures.protoPath);
  const type = root.lookupType("bench.v1.EchoRequest");
  return type.encode(type.fromObject({ payload })).finish();
}
