#!/usr/bin/env node
/**
 * The `protoc-gen-protostub` binary: protoc (or buf) writes a
 * CodeGeneratorRequest to stdin and reads the CodeGeneratorResponse from stdout.
 */
import { runPlugin } from "../plugin/run-plugin.js";
import { reportError } from "./report-error.js";

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

readStdin()
  .then((request) => {
    const response = runPlugin(request);
    process.stdout.write(response);
  })
  .catch((error: unknown) => {
    process.exitCode = reportError(error, "protoc-gen-protostub");
  });
