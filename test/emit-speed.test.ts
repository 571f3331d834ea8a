/**
 * Emit time on the 200-file synthetic corpus of bench:codegen (10 messages
 * and 5 methods a file). The figure is printed as a test diagnostic; the
 * assertion is only a tripwire against large regressions, loose enough for a
 * busy shared machine (the target is well under a second on an idle one).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { makeCorpus } from "../bench/codegen/make-corpus.js";
import { emitSchema } from "../generator/emit/emit-schema.js";
import { loadSchema } from "../generator/load/load-schema.js";
import { testOptions } from "./emit-harness.js";

test("200 corpus files emit in well under the tripwire", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "protostub-corpus-"));
  await makeCorpus(dir);
  const files = readdirSync(join(dir, "corpus")).map((f) => `corpus/${f}`);
  const model = await loadSchema({ protoPaths: [dir], files });
  assert.equal(model.files.length, 200);
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const out = emitSchema(model, testOptions());
    times.push(performance.now() - start);
    bytes = out.reduce((n, f) => n + f.content.length, 0);
  }
  const [first = 0, ...warm] = times;
  const best = Math.min(...warm);
  t.diagnostic(`emit of 200 files: first run ${first.toFixed(0)} ms (templates compiled, JIT cold), best warm ${best.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB`);
  assert.ok(first < 8000, `first run took ${first.toFixed(0)} ms`);
});
