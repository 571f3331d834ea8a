import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseWithYargs, splitAttachedShortValues, toOptions } from "./cli.js";
import { readSimpleArgv } from "./simple-argv.js";

/** Flags with values as people type them, each read the same by both. */
const good: readonly (readonly string[])[] = [
  ["-I", "proto"], ["--proto-path", "dir/p"], ["-Iroot"], ["-I=r"], ["--proto-path=p"],
  ["-o", "gen"], ["--out", "gen"], ["-ogen"], ["--out=gen"],
  ["--check"], ["--watch"], ["--int64", "string"], ["--int64", "number"], ["--int64=bigint"],
  ["--import-extension", "ts"], ["--import-extension", "none"], ["--runtime-import", "@acme/rt"], ["--templates", "tpl"],
  ["a.proto"], ["dir/b.proto"], ["./c.proto"], ["x=y.proto"],
];

/** Pieces that are wrong, or that yargs reads specially. */
const odd: readonly (readonly string[])[] = [
  ["-I"], ["--out="], ["-o"], ["--check=true"], ["--no-check"], ["--int64", "long"], ["--import-extension", "mjs"],
  ["--runtime-import", ""], ["--templates"], [""], ["-"], ["--"], ["--bogus"], ["--protoPath", "p"], ["-x"],
  ["true"], ["false"], ["1"], ["0x10"], ["1e3"], [".5"],
];

/** Command lines with an -o and a file somewhere (else nothing is simple), plus mostly good pieces. */
const commandLines = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 6 }, { arbitrary: fc.constantFrom(...odd), weight: 1 }), { maxLength: 6 })
  .chain((rest) => {
    const all = [["-o", "out"], ["f.proto"], ...rest];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  })
  .map((chosen) => chosen.flat());

test("simple command lines read exactly as yargs reads them", async () => {
  let simpleLines = 0;
  await fc.assert(
    fc.asyncProperty(commandLines, async (argv) => {
      const normalized = splitAttachedShortValues(argv);
      const simple = readSimpleArgv(normalized);
      if (simple === undefined) return;
      simpleLines++;
      assert.deepEqual(toOptions(simple), toOptions(await parseWithYargs(normalized)), argv.join(" "));
    }),
    { numRuns: 500 },
  );
  // The comparison only means something if the shortcut was taken often.
  assert.ok(simpleLines > 50, `only ${simpleLines} command lines took the simple path`);
});

test("the usual command lines take the simple path", () => {
  const usual = [
    ["-I", "proto", "-o", "gen", "proto/a.proto", "proto/b.proto"],
    ["-Iproto", "-ogen", "--check", "a.proto"],
    ["--proto-path=proto", "--out", "gen", "--int64", "string", "--import-extension", "ts", "a.proto"],
  ];
  for (const argv of usual) assert.notEqual(readSimpleArgv(splitAttachedShortValues(argv)), undefined, argv.join(" "));
});

test("anything unusual is left to yargs", () => {
  const unusual = [
    ["-o", "gen"],
    ["a.proto"],
    ["-o", "a", "-o", "b", "x.proto"],
    ["--bogus", "-o", "a", "x.proto"],
    ["--int64", "long", "-o", "a", "x.proto"],
    ["--check", "--watch", "-o", "a", "x.proto"],
    ["--check", "true", "-o", "a", "x.proto"],
    ["-o", "a", "x.proto", "-I"],
    ["-o", "a", "--", "x.proto"],
    ["-o", "a", "1e3"],
  ];
  for (const argv of unusual) assert.equal(readSimpleArgv(splitAttachedShortValues(argv)), undefined, argv.join(" "));
});
