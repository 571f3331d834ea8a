/**
 * `codegen --watch`: regenerates when an input changes and keeps running
 * through errors until it is stopped.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import { cp } from "node:fs/promises";
import { codegenBin, makeTempDir, removeDir, repoRoot, writeTree } from "./cli-harness.js";

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

/** Starts `codegen --watch` with `args`; `stop()` sends SIGTERM and resolves to the exit status. */
function startWatch(args: readonly string[]): { stderr: () => string; running: () => boolean; stop: () => Promise<number | null> } {
  const child = spawn(process.execPath, [codegenBin, "--watch", ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    stderr: () => stderr,
    running: () => child.exitCode === null,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

test("regenerates on change, survives errors, stops on SIGTERM", async () => {
  const watcher = startWatch(["-I", "protos", "-o", "out", "protos/w/a.proto"]);
  let code: number | null;
  try {
    const outB = path.join(dir, "out/w/b.ts");
    await eventually("first generation", async () => (await readOr(outB)).includes("Second"));

    // An imported file changes: its output follows.
    await writeFile(path.join(dir, "protos/w/b.proto"), 'syntax = "proto3";\npackage w;\nmessage Second { int32 added_field = 1; }\n');
    await eventually("regeneration of the import", async () => (await readOr(outB)).includes("addedField"));

    // A syntax error is reported and the watcher keeps going.
    const errorsBefore = watcher.stderr().length;
    await writeFile(path.join(dir, "protos/w/b.proto"), 'syntax = "proto3";\npackage w;\nmessage Second { int32 = ; }\n');
    await eventually("the error report", async () => /b\.proto:3:\d+: /.test(watcher.stderr().slice(errorsBefore)));
    assert.ok(watcher.running(), "still running after an error");

    await writeFile(path.join(dir, "protos/w/b.proto"), 'syntax = "proto3";\npackage w;\nmessage Second { int32 fixed_again = 1; }\n');
    await eventually("recovery", async () => (await readOr(outB)).includes("fixedAgain"));
  } finally {
    code = await watcher.stop();
  }
  assert.equal(code, 0, watcher.stderr());
});

test(
  "regenerates when a template changes",
  async () => {
    await cp(path.join(repoRoot, "templates"), path.join(dir, "tpl"), { recursive: true });
    const watcher = startWatch(["-I", "protos", "-o", "out-tpl", "--templates", "tpl", "protos/w/b.proto"]);
    try {
      const out = path.join(dir, "out-tpl/w/b.ts");
      await eventually("first generation", async () => (await readOr(out)) !== "");
      const template = path.join(dir, "tpl/file.hbs");
      await writeFile(template, (await readFile(template, "utf8")).replace("// source: {{source}}", "// source: {{source}}\n// edited template"));
      await eventually("regeneration with the edited template", async () => (await readOr(out)).includes("// edited template"), 5_000);
    } finally {
      await watcher.stop();
    }
  },
);
