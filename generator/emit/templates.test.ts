import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadSchema } from "../load/load-schema.js";
import { defaultEmitOptions } from "../options.js";
import { fileView } from "./emit-schema.js";
import { loadPrecompiled } from "./precompiled-templates.js";
import { SchemaIndex } from "./symbols.js";
import { compile, fingerprintOf, loadTemplates, readSources } from "./templates.js";

const fixtureRoot = fileURLToPath(new URL("../../../fixtures/proto/", import.meta.url));

test("the build precompiled the built-in templates as they are now", () => {
  assert.equal(loadPrecompiled()?.fingerprint, fingerprintOf(readSources(undefined)));
});

test("precompiled templates print exactly what compiling the sources prints, for every fixture", async () => {
  const files = readdirSync(fixtureRoot, { recursive: true }).map(String).filter((f) => f.endsWith(".proto"));
  const model = await loadSchema({ protoPaths: [fixtureRoot], files: files.map((f) => path.join(fixtureRoot, f)) });
  const index = new SchemaIndex(model);
  const precompiled = loadTemplates();
  const compiled = compile(readSources(undefined));
  for (const file of model.files) {
    const view = fileView(index, file, defaultEmitOptions);
    assert.equal(precompiled(view), compiled(view), file.name);
  }
});
