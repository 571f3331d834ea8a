/**
 * Reads the command lines people and scripts actually type, such as
 * `-I proto -o gen a.proto b.proto --check`, without loading yargs (about a
 * third of the start-up of a small run).
 *
 * It is a shortcut, not a second definition of the command line: it accepts
 * only lines whose every word is one of our flags written out exactly, a
 * value that cannot be mistaken for anything else, or a file, and answers
 * undefined for anything else (unknown or negated flags, `--`, a missing or
 * dash-led value, a value given twice that may be given once, a bad choice,
 * number-like or boolean-like words, `--check` with `--watch`, no -o, no
 * files), which then goes to yargs for its reading and its messages. A test
 * holds it to yargs' result on random command lines.
 */
import { defaultEmitOptions, type ImportExtension, type Int64Mode } from "./options.js";

export const int64Modes = ["bigint", "string", "number"] as const satisfies readonly Int64Mode[];
export const importExtensions = ["js", "ts", "none"] as const satisfies readonly ImportExtension[];

/** The arguments as yargs hands them over (keys are the long flag names). */
export interface RawArgs {
  readonly "proto-path"?: string | readonly string[];
  readonly out?: string | readonly string[];
  readonly files?: readonly string[];
  readonly check?: boolean;
  readonly watch?: boolean;
  readonly int64: Int64Mode;
  readonly "runtime-import": string | readonly string[];
  readonly "import-extension": ImportExtension;
  readonly templates?: string | readonly string[];
}

type ValueFlag = "proto-path" | "out" | "int64" | "runtime-import" | "import-extension" | "templates";

const valueFlags = new Map<string, ValueFlag>([
  ["-I", "proto-path"],
  ["--proto-path", "proto-path"],
  ["-o", "out"],
  ["--out", "out"],
  ["--int64", "int64"],
  ["--runtime-import", "runtime-import"],
  ["--import-extension", "import-extension"],
  ["--templates", "templates"],
]);

/** yargs-parser reads these as numbers or booleans in some positions; leave them to it. */
const ambiguous = /^(?:true|false|0x[0-9a-f]+|[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)$/i;

function plainValue(word: string | undefined): word is string {
  return word !== undefined && word !== "" && !word.startsWith("-") && !ambiguous.test(word);
}

/**
 * The arguments of a plainly well-formed command line (already through
 * `splitAttachedShortValues`, no --help), or undefined to let yargs decide.
 */
export function readSimpleArgv(argv: readonly string[]): RawArgs | undefined {
  const values = new Map<ValueFlag, string[]>();
  const files: string[] = [];
  let check = false;
  let watch = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? "";
    if (word === "--check" || word === "--watch") {
      // A repeated switch, or `--check true`, is yargs' to read.
      if ((word === "--check" ? check : watch) || ambiguous.test(argv[i + 1] ?? "")) return undefined;
      if (word === "--check") check = true;
      else watch = true;
      continue;
    }
    const equals = word.startsWith("--") ? word.indexOf("=") : -1;
    const flag = valueFlags.get(equals === -1 ? word : word.slice(0, equals));
    if (flag !== undefined) {
      const value = equals === -1 ? argv[++i] : word.slice(equals + 1);
      if (!plainValue(value)) return undefined;
      const list = values.get(flag) ?? [];
      list.push(value);
      values.set(flag, list);
    } else if (plainValue(word)) {
      files.push(word);
    } else {
      return undefined;
    }
  }
  // Flags other than -I may be given once; a repeat is yargs' (and toOptions') to report.
  if (files.length === 0 || (check && watch)) return undefined;
  if ([...values].some(([flag, list]) => flag !== "proto-path" && list.length > 1)) return undefined;
  const once = (flag: ValueFlag): string | undefined => values.get(flag)?.[0];
  const out = once("out");
  const int64 = once("int64") ?? defaultEmitOptions.int64;
  const runtimeImport = once("runtime-import") ?? defaultEmitOptions.runtimeImport;
  const importExtension = once("import-extension") ?? defaultEmitOptions.importExtension;
  const templates = once("templates");
  if (out === undefined) return undefined;
  const int64Mode = int64Modes.find((mode) => mode === int64);
  const extension = importExtensions.find((ext) => ext === importExtension);
  if (int64Mode === undefined || extension === undefined) return undefined;
  const protoPaths = values.get("proto-path");
  return {
    ...(protoPaths === undefined ? {} : { "proto-path": protoPaths }),
    out,
    files,
    ...(check ? { check } : {}),
    ...(watch ? { watch } : {}),
    int64: int64Mode,
    "runtime-import": runtimeImport,
    "import-extension": extension,
    ...(templates === undefined ? {} : { templates }),
  };
}
