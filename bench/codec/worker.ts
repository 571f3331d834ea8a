/**
 * One measured run: `node worker.js <codec> <small|large> <options-json>`.
 * Loads only that codec, builds the payload from the fixture JSON with the
 * codec's own converter, checks that decoding and re-encoding gives the same
 * bytes, measures, and prints one JSON line (a `WorkerResult`).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { codecs } from "./codecs.js";
import { type Measured, type MeasureOptions, measure } from "./measure.js";
import { benchPayloads } from "./paths.js";

export interface WorkerResult extends Measured {
  readonly codec: string;
  readonly payload: string;
  /** Encoded size in bytes. */
  readonly size: number;
  /** sha256 of the encoding, to spot codecs that encode differently. */
  readonly digest: string;
}

async function main(): Promise<void> {
  const [key, payload, optionsJson] = process.argv.slice(2);
  const entry = codecs.find((c) => c.key === key);
  if (entry === undefined || payload === undefined || optionsJson === undefined) {
    throw new Error("usage: worker.js <codec> <payload> <options-json>");
  }
  const options = JSON.parse(optionsJson) as MeasureOptions;
  const codec = await entry.load();
  const fixtures = JSON.parse(readFileSync(benchPayloads, "utf8")) as { [name: string]: unknown };
  const message = codec.build(fixtures[payload]);
  const bytes = codec.encode(message);
  const again = codec.encode(codec.decode(bytes));
  if (Buffer.compare(Buffer.from(again), Buffer.from(bytes)) !== 0) {
    throw new Error(`${key}: decode then encode of the ${payload} payload does not give the same bytes`);
  }
  let sink = 0;
  const measured = measure(
    () => {
      sink += codec.encode(message).length;
    },
    () => {
      if (codec.decode(bytes) === undefined) sink++;
    },
    options,
  );
  const result: WorkerResult = {
    codec: entry.key,
    payload,
    size: bytes.length,
    digest: createHash("sha256").update(bytes).digest("hex"),
    ...measured,
  };
  // `sink` keeps the results observable so no engine can drop the work.
  process.stdout.write(`${JSON.stringify(result)}\n${sink < 0 ? "impossible" : ""}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
