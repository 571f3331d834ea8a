/**
 * The emitter's entry point: one TypeScript file per .proto file of the
 * schema (requested and imported alike, so the output is self-contained).
 *
 * Pipeline per file: the model becomes view-models (all decisions, in code:
 * names, imports, statements), the handlebars templates lay them out as
 * text, and the text is tidied and checked (see format.ts for how far).
 * Output depends only on the model and the options, so it is byte-identical
 * across runs.
 */
import type { FileModel, SchemaModel } from "../model/model.js";
import type { EmitOptions, GeneratedFile } from "../options.js";
import type { EmitContext } from "./field-shape.js";
import { checkTokens, tidy, verifySyntax } from "./format.js";
import { generatedFileName, type ImportTracker, type ImportView, ImportTracker as Tracker } from "./imports.js";
import { type MessageView, messageView } from "./message-view.js";
import { stringLiteral } from "./names.js";
import { SchemaIndex } from "./symbols.js";
import { loadTemplates } from "./templates.js";
import { type EnumView, enumView, type ServiceView, serviceView } from "./type-views.js";

/** What `file.hbs` prints. */
export interface FileView {
  /** The .proto path the file was generated from. */
  readonly source: string;
  /** `multiline`: one name a line, for imports too long for one line. */
  readonly imports: readonly (ImportView & { readonly fromLiteral: string; readonly multiline: boolean })[];
  /** Messages, enums and services in emit order; `kind` names the partial. */
  readonly items: readonly (MessageView | EnumView | ServiceView)[];
  /** Message consts registered for Any's JSON form (empty: no registration call). */
  readonly registered: readonly string[];
  readonly registerTypes: string;
}

/**
 * Generates one file per file of `model`, named after the .proto path with
 * `.proto` replaced by `.ts` (so google/protobuf/*.proto land in
 * google/protobuf/*.ts). Files come out in the model's order (sorted by name).
 * Throws GeneratorError on a model it cannot emit (unknown type references).
 */
export function emitSchema(model: SchemaModel, options: EmitOptions): GeneratedFile[] {
  const index = new SchemaIndex(model);
  const render = loadTemplates(options.templatesDir);
  // Built-in templates are parsed and type-checked by the test suite; user templates only here.
  const check = options.templatesDir === undefined ? checkTokens : verifySyntax;
  return model.files.map((file) => {
    const name = generatedFileName(file.name);
    const content = tidy(render(fileView(index, file, options)));
    check(name, content);
    return { name, content };
  });
}

/** Builds the view-model of one file; exported for tests and custom drivers. */
export function fileView(index: SchemaIndex, file: FileModel, options: EmitOptions): FileView {
  const symbols = index.file(file.name);
  const imports: ImportTracker = new Tracker(generatedFileName(file.name), symbols.declared, options);
  const ctx: EmitContext = { index, imports, options, file };
  const items: (MessageView | EnumView | ServiceView)[] = [];
  for (const t of symbols.types) {
    items.push(t.kind === "message" ? messageView(ctx, t.model, t.name) : enumView(ctx, t.model, t.name));
  }
  for (const s of symbols.services) items.push(serviceView(ctx, s));
  const registered = symbols.types.filter((t) => t.kind === "message").map((t) => t.name);
  const registerTypes = registered.length === 0 ? "" : imports.runtime("registerTypes");
  return {
    source: file.name,
    // Rendered last: every view above has asked for its imports by now.
    imports: imports.render().map((i) => {
      const fromLiteral = stringLiteral(i.from);
      const oneLine = `import type { ${i.names.join(", ")} } from ${fromLiteral};`;
      return { ...i, fromLiteral, multiline: oneLine.length > 100 };
    }),
    items,
    registered,
    registerTypes,
  };
}
