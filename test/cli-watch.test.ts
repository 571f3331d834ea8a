/**
 * `codegen --watch`: regenerates when an input changes and keeps running
 * through errors until it is stopped.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { codegenBin, makeTempDir, removeDir, writeTree } from "./cli-harness.js";

let dir: string;
before(async () => {
  dir = await makeTempDir();
  await writeTree(dir, {
    "protos/w/a.proto": 'syntax = "proto3";\npackage w;\nimport "w/b.proto";\nmessage First { Second s = 1; }\n',
    "protos/w/b.proto": 'syntax = "proto3";\npackage w;\nmessage Second {}\n',
  });
});
after(() => removeDir(dir));

/** Polls until `predicate` holds, failing after `ms`. */
async function eventually(what: string, predicate: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

async function readOr(file: string): Promise<string> {
  return readFile(file, "utf8").catch(() => "");
}

test("regenerates on change, survives errors, stops on SIGTERM", async () => {
  const child = spawn(process.execPath, [codegenBin, "--watch", "-I", "protos", "-o", "out", "protos/w/a.proto"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  try {
    const outB = path.join(dir, "out/w/b.ts");
    await eventually("first generation", async () => (await readOr(outB)).includes("Second"));

    // An imported file changes: its output follows.
    await writeFile(path.join(dir, "protos/w/b.proto"), 'syntax = "proto3";\npackage w;\nmessage Second { int32 added_field = 1; }\n');
    await eventually("regeneration of the import", async () => (await readOr(outB)).includes("addedField"));

    // A syntax error is reported and the watcher keeps going.
    const errorsBefore = stderr.length;
    await writeFile(path.join(dir, "protos/w/b.proto"), 'syntax = "proto3";\npackage w;\nmessage Second { int32 = ; }\n');
    await eventually("the error report", async () => /b\.proto:3:\d+: /.test(stderr.slice(errorsBefore)));
    assert.equal(child.exitCode, null, "still running after an error");

    await writeFile(path.join(dir, "protos/w/b.proto"), 'syntax = "proto3";\npackage w;\nmessage Second { int32 fixed_again = 1; }\n');
    await eventually("recovery", async () => (await readOr(outB)).includes("fixedAgain"));
  } finally {
    child.kill("SIGTERM");
  }
  assert.equal(await exited, 0, stderr);
});
