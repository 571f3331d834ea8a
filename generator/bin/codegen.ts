#!/usr/bin/env node
/**
 * The `codegen` (alias `protostub`) binary. Only argument parsing is loaded
 * up front; the generator, and the heavy libraries behind it, load once we
 * know there is work to do, which keeps `--help` and usage errors instant.
 */
import path from "node:path";
import { parseCli, UsageError, type CliOptions } from "../cli.js";
import { exitUserError, reportError } from "./report-error.js";

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = await parseCli(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`codegen: ${error.message}\n${error.usage}\n`);
    return exitUserError;
  }
  if (command.kind === "help") {
    process.stdout.write(`${command.text}\n`);
    return 0;
  }
  const { options } = command;
  if (options.watch) return watchMode(options);
  return options.check ? checkMode(options) : writeMode(options);
}

async function writeMode(options: CliOptions): Promise<number> {
  const [{ generate }, { writeFiles }] = await Promise.all([import("../generate.js"), import("../write.js")]);
  await writeFiles(options.out, await generate(generateOptions(options)));
  return 0;
}

async function checkMode(options: CliOptions): Promise<number> {
  const [{ generate }, write] = await Promise.all([import("../generate.js"), import("../write.js")]);
  const report = await write.checkFiles(options.out, await generate(generateOptions(options)));
  if (write.isUpToDate(report)) return 0;
  process.stderr.write(
    `codegen --check: ${options.out} does not match the .proto files; run codegen without --check to update it\n` +
      `${write.formatCheckReport(options.out, report)}\n`,
  );
  return 1;
}

async function watchMode(options: CliOptions): Promise<number> {
  const [{ generateWithModel }, { writeFiles }, { watchAndRegenerate }, { locateSources }] = await Promise.all([
    import("../generate.js"),
    import("../write.js"),
    import("../watch.js"),
    import("../resolve-inputs.js"),
  ]);
  const cwd = process.cwd();
  const roots = options.protoPaths.map((p) => path.resolve(cwd, p));
  const templates = options.emit.templatesDir === undefined ? [] : [path.resolve(cwd, options.emit.templatesDir)];
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  await watchAndRegenerate({
    baseTargets: {
      // The inputs as given, so that even a first run that fails is retried on change.
      files: options.files.flatMap((f) => [path.resolve(cwd, f), ...roots.map((r) => path.resolve(r, f))]),
      protoFolders: roots,
      anyFolders: templates,
    },
    run: async () => {
      const result = await generateWithModel(generateOptions(options));
      const report = await writeFiles(options.out, result.files);
      const sources = locateSources(result.roots, result.model.files.map((f) => f.name));
      return {
        summary: `[${new Date().toLocaleTimeString()}] ${report.written.length} written, ${report.unchanged.length} unchanged in ${options.out}; watching for changes`,
        targets: { files: sources, protoFolders: roots, anyFolders: templates },
      };
    },
    onError: (error) => {
      reportError(error, "codegen");
    },
    log: (line) => process.stderr.write(`${line}\n`),
    signal: stop.signal,
  });
  return 0;
}

function generateOptions(options: CliOptions) {
  return { protoPaths: options.protoPaths, files: options.files, emit: options.emit };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, "codegen");
  },
);
