/**
 * Generates the peers' code for bench.proto into bench/.work/codec/ at bench
 * time, from the project's own fixture: protobufjs static code with pbjs
 * (CommonJS: its output imports "protobufjs/minimal" without an extension,
 * which only CommonJS resolves) and @bufbuild/protobuf code with
 * protoc + protoc-gen-es.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { esModule, pbjsModule } from "./codecs.js";
import { benchProto, benchProtoRoot, benchWork, repoRoot } from "./paths.js";

/** (Re)generates both peers; throws with the tool's output when one fails. */
export function preparePeers(): void {
  rmSync(benchWork, { recursive: true, force: true });
  mkdirSync(path.dirname(pbjsModule), { recursive: true });
  mkdirSync(path.join(benchWork, "es"), { recursive: true });
  const run = (command: string, args: readonly string[]): void => {
    execFileSync(command, args, { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  };
  run(process.execPath, [
    path.join(repoRoot, "node_modules/protobufjs-cli/bin/pbjs"),
    "-t", "static-module", "-w", "commonjs", "-o", pbjsModule, path.join(benchProtoRoot, benchProto),
  ]);
  run("protoc", [
    `--plugin=protoc-gen-es=${path.join(repoRoot, "node_modules/.bin/protoc-gen-es")}`,
    `--es_out=${path.join(benchWork, "es")}`,
    "--es_opt=target=js",
    "-I", benchProtoRoot,
    benchProto,
  ]);
  if (!esModule.startsWith(benchWork)) throw new Error("unexpected protoc-gen-es output path");
}
