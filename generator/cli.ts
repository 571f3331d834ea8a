/**
 * Command-line parsing for `codegen`: argv in, options out. Nothing here reads
 * .proto files or writes output; `bin/codegen.ts` acts on what this returns.
 */
import yargs from "yargs";
import { defaultEmitOptions, type EmitOptions, type ImportExtension, type Int64Mode } from "./options.js";

/** What one `codegen` invocation asks for. */
export interface CliOptions {
  /** Import roots as given (not yet resolved against the working folder); never empty. */
  readonly protoPaths: readonly string[];
  readonly out: string;
  /** .proto files as given on the command line, in the order given. */
  readonly files: readonly string[];
  readonly check: boolean;
  readonly watch: boolean;
  readonly emit: EmitOptions;
}

/** The result of parsing: run the generator, or print help or the version. */
export type CliCommand =
  | { readonly kind: "run"; readonly options: CliOptions }
  | { readonly kind: "help"; readonly text: string };

/**
 * Bad flags or arguments (yargs' validation message, or ours). The binary
 * prints it with the usage line and exits 1; GeneratorError, by contrast,
 * concerns the .proto input.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** One-line synopsis to print under the message. */
  readonly usage = `usage: ${usageLine}  (codegen --help lists every option)`;
}

const int64Modes = ["bigint", "string", "number"] as const satisfies readonly Int64Mode[];
const importExtensions = ["js", "ts", "none"] as const satisfies readonly ImportExtension[];

const usageLine = "codegen [-I DIR]... -o OUT FILE.proto...";

function buildParser(argv: readonly string[]) {
  return yargs([...argv])
    .scriptName("codegen")
    .command("$0 [files..]", "Generate TypeScript from .proto files (one OUT/<path>.ts per file)", (y) =>
      y.positional("files", { type: "string", describe: "the .proto files to generate, with their imports" }),
    )
    .usage(usageLine)
    .option("proto-path", {
      alias: "I",
      type: "string",
      requiresArg: true,
      describe: "import root, repeatable, searched in order like protoc's -I (default: current dir)",
    })
    .option("out", { alias: "o", type: "string", requiresArg: true, demandOption: true, describe: "output folder" })
    // No `default: false` on check and watch: yargs counts defaults as "given"
    // and would then report the two as conflicting on every run.
    .option("check", {
      type: "boolean",
      describe: "write nothing; exit 1 listing stale, missing or extra files unless OUT is up to date",
    })
    .option("int64", {
      choices: int64Modes,
      default: defaultEmitOptions.int64,
      describe: "TS type of 64-bit integers",
    })
    .option("runtime-import", {
      type: "string",
      requiresArg: true,
      default: defaultEmitOptions.runtimeImport,
      describe: "module generated code imports the runtime from",
    })
    .option("import-extension", {
      choices: importExtensions,
      default: defaultEmitOptions.importExtension,
      describe: "extension on relative imports",
    })
    .option("templates", {
      type: "string",
      requiresArg: true,
      describe: "folder of handlebars templates replacing the built-in ones",
    })
    .option("watch", { type: "boolean", describe: "regenerate when an input changes" })
    .option("help", { alias: "h", type: "boolean", describe: "show this help" })
    .conflicts("check", "watch")
    .strict()
    // Our own --help keeps parsing side-effect free: yargs would print and
    // (with exitProcess) end the process itself.
    .help(false)
    .version(false)
    .exitProcess(false)
    .wrap(100)
    .fail((message: string | undefined, error: Error | undefined) => {
      // Rethrown below with the usage text attached; yargs calls this synchronously.
      throw new ArgvFailure(message ?? error?.message ?? "invalid arguments");
    });
}

class ArgvFailure extends Error {}

/**
 * Parses `codegen` arguments (without the node and script entries).
 * Throws UsageError for unknown flags, missing values, bad choices, a
 * repeated `-o`, or no input files.
 */
export async function parseCli(argv: readonly string[]): Promise<CliCommand> {
  const normalized = splitAttachedShortValues(argv);
  const parser = buildParser(normalized);
  // --help must win even when the rest of the line is invalid or empty.
  if (normalized.includes("--help") || normalized.includes("-h")) {
    return { kind: "help", text: await parser.getHelp() };
  }
  let args: Awaited<ReturnType<typeof parser.parseAsync>>;
  try {
    args = await parser.parseAsync();
  } catch (error) {
    if (error instanceof ArgvFailure) throw new UsageError(error.message);
    throw error;
  }

  const out = single(args.out);
  if (out === undefined) throw new UsageError("-o/--out may be given only once");
  const runtimeImport = single(args["runtime-import"]);
  if (runtimeImport === undefined || runtimeImport === "") {
    throw new UsageError("--runtime-import needs one non-empty module specifier");
  }
  const templates = args.templates === undefined ? undefined : single(args.templates);
  if (args.templates !== undefined && (templates === undefined || templates === "")) {
    throw new UsageError("--templates needs one folder");
  }
  const protoPaths = listOf(args["proto-path"]);
  const files = listOf(args.files);
  if (protoPaths.some((p) => p === "")) throw new UsageError("-I/--proto-path needs a folder");
  if (files.length === 0) throw new UsageError("no .proto files given");

  const emit: EmitOptions = {
    int64: args.int64,
    runtimeImport,
    importExtension: args["import-extension"],
    ...(templates === undefined ? {} : { templatesDir: templates }),
  };
  return {
    kind: "run",
    options: {
      protoPaths: protoPaths.length > 0 ? protoPaths : ["."],
      out,
      files,
      check: args.check === true,
      watch: args.watch === true,
      emit,
    },
  };
}

/**
 * protoc accepts `-IDIR` and `-oFILE` glued together; yargs would read
 * `-Ifoo` as the flags I, f, o, o. Splitting keeps protoc habits working.
 */
function splitAttachedShortValues(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (const arg of argv) {
    const match = /^-([Io])(.+)$/.exec(arg);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      result.push(`-${match[1]}`, match[2].startsWith("=") ? match[2].slice(1) : match[2]);
    } else {
      result.push(arg);
    }
  }
  return result;
}

/** A repeated string option arrives as an array; those allowed once must not be repeated. */
function single(value: string | readonly string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? String(value[0]) : undefined;
  return typeof value === "string" ? value : undefined;
}

function listOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((v: unknown) => String(v));
  return [String(value)];
}
