/** Fixed locations the codec bench reads and writes (compiled to dist/bench/codec/). */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Generated peer code and results; gitignored. */
export const benchWork = path.join(repoRoot, "bench/.work/codec");
export const benchProtoRoot = path.join(repoRoot, "fixtures/proto");
export const benchProto = "bench/v1/bench.proto";
export const benchPayloads = path.join(repoRoot, "fixtures/bench-payloads.json");
