/**
 * The committed fixtures/gen/ is exactly what `codegen` makes of
 * fixtures/proto/ (what `npm run check:fixtures` checks), and it compiles
 * under the project's strictest settings without a single `any`.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { fixturesProto, listProtos, readTree, repoRoot, runCodegen } from "./cli-harness.js";

const fixturesGen = path.join(repoRoot, "fixtures/gen");

test("fixtures/gen is up to date with fixtures/proto (codegen --check)", async () => {
  const protos = await listProtos(fixturesProto);
  const result = await runCodegen([
    "--check",
    "-I",
    "fixtures/proto",
    "-o",
    "fixtures/gen",
    ...protos.map((p) => `fixtures/proto/${p}`),
  ]);
  assert.equal(result.code, 0, `run \`npm run gen:fixtures\` and commit the result:\n${result.stderr}`);
});

test("fixtures/gen type-checks with strict and noUncheckedIndexedAccess", async () => {
  const files = await generatedFiles();
  const options = projectCompilerOptions();
  assert.equal(options.strict, true);
  assert.equal(options.noUncheckedIndexedAccess, true);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const report = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => repoRoot,
    getNewLine: () => "\n",
  });
  assert.equal(diagnostics.length, 0, report);
});

test("generated code never uses the any type", async () => {
  const offenders: string[] = [];
  for (const file of await generatedFiles()) {
    const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? "", ts.ScriptTarget.Latest, true);
    // Walk the syntax tree rather than grep: comments and names may say "any".
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        const { line, character } = source.getLineAndCharacterOfPosition(node.getStart());
        offenders.push(`${path.relative(repoRoot, file)}:${line + 1}:${character + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  assert.deepEqual(offenders, []);
});

async function generatedFiles(): Promise<string[]> {
  const names = [...(await readTree(fixturesGen)).keys()].filter((n) => n.endsWith(".ts"));
  assert.ok(names.length > 0, "fixtures/gen holds generated files (npm run gen:fixtures)");
  return names.map((n) => path.join(fixturesGen, n));
}

/** The project's tsconfig.json compiler options, so the check is the build's own. */
function projectCompilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(repoRoot, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, "\n")),
  });
  assert.ok(parsed);
  return parsed.options;
}
