/**
 * Writes the synthetic corpus `bench:codegen` times generators on: 200
 * .proto files of 10 messages and 5 methods each, with every field kind a
 * real schema uses, each file importing up to 3 earlier ones. Seeded, so
 * every run and every machine gets the same corpus.
 *
 * Run directly: `node dist/bench/codegen/make-corpus.js [DIR]`.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Shape of the corpus; the defaults are the figures in the issue and PEERS.md. */
export interface CorpusShape {
  readonly files: number;
  readonly messagesPerFile: number;
  readonly methodsPerFile: number;
  readonly seed: number;
}

export const defaultShape: CorpusShape = { files: 200, messagesPerFile: 10, methodsPerFile: 5, seed: 1 };

/** Totals of a written corpus, for the benchmark report. */
export interface CorpusStats {
  readonly files: readonly string[];
  readonly messages: number;
  readonly fields: number;
  readonly methods: number;
  readonly lines: number;
}

const scalars = [
  "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
  "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
] as const;
const mapKeys = ["string", "int32", "int64", "uint32", "bool", "sint64", "fixed32"] as const;

/** mulberry32: tiny, fast, and good enough to vary a corpus; seeded for reproducibility. */
function createRandom(seed: number): { int(n: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

type Random = ReturnType<typeof createRandom>;

/** A message type another file can refer to. */
interface Referable {
  readonly qualified: string;
}

function fileName(i: number): string {
  return `corpus/f${String(i).padStart(3, "0")}.proto`;
}

function packageName(i: number): string {
  return `corpus.f${String(i).padStart(3, "0")}`;
}

/** One .proto file's text plus its totals. */
function makeFile(i: number, shape: CorpusShape, random: Random): { text: string; fields: number } {
  const pkg = packageName(i);
  const imports = new Set<number>();
  const wanted = i === 0 ? 0 : random.int(4);
  while (imports.size < Math.min(wanted, i)) imports.add(random.int(i));
  const imported: Referable[] = [...imports].sort((a, b) => a - b).flatMap((j) =>
    [0, 1, 2].map((m) => ({ qualified: `${packageName(j)}.Message${m}` })),
  );

  const lines: string[] = ['syntax = "proto3";', "", `package ${pkg};`, ""];
  for (const j of [...imports].sort((a, b) => a - b)) lines.push(`import "${fileName(j)}";`);
  if (imports.size > 0) lines.push("");

  lines.push("// Lifecycle states used by the messages below.", "enum State {");
  const stateCount = 3 + random.int(5);
  for (let v = 0; v < stateCount; v++) lines.push(`  STATE_${v === 0 ? "UNSPECIFIED" : `VALUE_${v}`} = ${v};`);
  lines.push("}", "");

  let fields = 0;
  const local: Referable[] = [];
  for (let m = 0; m < shape.messagesPerFile; m++) {
    // Message0 refers to every import once, so that no import is unused (protoc would warn).
    const required = m === 0 ? [...imports].sort((a, b) => a - b).map((j) => `${packageName(j)}.Message0`) : [];
    const made = makeMessage(m, [...local, ...imported], required, random);
    lines.push(...made.lines, "");
    fields += made.fields;
    local.push({ qualified: `${pkg}.Message${m}` });
  }

  lines.push(`// Operations on the messages of ${fileName(i)}.`, "service Service {");
  const kinds: [string, string][] = [["", ""], ["", "stream "], ["stream ", ""], ["stream ", "stream "]];
  for (let k = 0; k < shape.methodsPerFile; k++) {
    const [inStream, outStream] = k === 0 ? ["", ""] : random.pick(kinds);
    const input = `Message${random.int(shape.messagesPerFile)}`;
    const output = `Message${random.int(shape.messagesPerFile)}`;
    lines.push(`  rpc Call${k}(${inStream}${input}) returns (${outStream}${output});`);
  }
  lines.push("}", "");
  return { text: lines.join("\n"), fields };
}

function makeMessage(
  m: number,
  referable: readonly Referable[],
  required: readonly string[],
  random: Random,
): { lines: string[]; fields: number } {
  const lines = [`// Message ${m}: a mix of field kinds.`, `message Message${m} {`];
  const count = 5 + random.int(8);
  let number = 1;
  let fields = 0;
  let nestedDone = false;
  const name = () => `field_${number}`;
  for (const type of required) {
    lines.push(`  ${type} ${name()} = ${number++};`);
    fields++;
  }
  for (let f = 0; f < count; f++) {
    const roll = random.int(100);
    if (roll < 35) {
      lines.push(`  ${random.pick(scalars)} ${name()} = ${number++};`);
    } else if (roll < 45) {
      lines.push(`  optional ${random.pick(scalars)} ${name()} = ${number++};`);
    } else if (roll < 55) {
      lines.push(`  repeated ${random.pick(scalars)} ${name()} = ${number++};`);
    } else if (roll < 63) {
      lines.push(`  State ${name()} = ${number++};`);
    } else if (roll < 75 && referable.length > 0) {
      const ref = random.pick(referable).qualified;
      lines.push(`  ${random.chance(0.3) ? "repeated " : ""}${ref} ${name()} = ${number++};`);
    } else if (roll < 85) {
      const value = referable.length > 0 && random.chance(0.4) ? random.pick(referable).qualified : random.pick(scalars);
      lines.push(`  map<${random.pick(mapKeys)}, ${value}> ${name()} = ${number++};`);
    } else if (roll < 95) {
      lines.push(`  oneof choice_${number} {`);
      const members = 2 + random.int(2);
      for (let o = 0; o < members; o++) {
        const type = referable.length > 0 && random.chance(0.3) ? random.pick(referable).qualified : random.pick(scalars);
        lines.push(`    ${type} ${name()} = ${number++};`);
        fields++;
      }
      lines.push("  }");
      continue;
    } else if (!nestedDone) {
      nestedDone = true;
      lines.push("  message Nested {", "    string label = 1;", "    int64 weight = 2;", "  }");
      lines.push(`  repeated Nested ${name()} = ${number++};`);
      fields += 2;
    } else {
      lines.push(`  string ${name()} = ${number++};`);
    }
    fields++;
  }
  lines.push("}");
  return { lines, fields };
}

/** Writes the corpus under `dir` (replacing it) and returns its totals. */
export async function makeCorpus(dir: string, shape: CorpusShape = defaultShape): Promise<CorpusStats> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "corpus"), { recursive: true });
  const random = createRandom(shape.seed);
  const files: string[] = [];
  let fields = 0;
  let lines = 0;
  for (let i = 0; i < shape.files; i++) {
    const made = makeFile(i, shape, random);
    await writeFile(path.join(dir, fileName(i)), made.text);
    files.push(fileName(i));
    fields += made.fields;
    lines += made.text.split("\n").length - 1;
  }
  return {
    files,
    messages: shape.files * shape.messagesPerFile,
    fields,
    methods: shape.files * shape.methodsPerFile,
    lines,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "bench/.work/corpus";
  const stats = await makeCorpus(dir);
  process.stdout.write(
    `${dir}: ${stats.files.length} files, ${stats.messages} messages, ${stats.fields} fields, ${stats.methods} methods, ${stats.lines} lines\n`,
  );
}
