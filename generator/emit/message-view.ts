/**
 * The view-model of one message: every decision made, every statement
 * written, ready for `templates/partials/message.hbs` to lay out.
 */
import type { MessageModel } from "../model/model.js";
import { type DocView, docLines } from "./doc.js";
import { type EmitContext, shapeMembers } from "./field-shape.js";
import { readPlan, type ReadCase, writeStatements } from "./message-codec.js";
import { fieldTable } from "./message-fields.js";
import { interfaceProps, newEntries, type PropView } from "./message-object.js";
import { stringLiteral } from "./names.js";
import { wktJsonOverride } from "./wkt-json.js";

/** Runtime names a message's code uses, as bound in this file. */
export interface MessageRuntimeNames {
  readonly MessageType: string;
  readonly JsonValue: string;
  readonly Reader: string;
  readonly Writer: string;
  /** `write` takes a partial message (see message-codec.ts). */
  readonly PartialMessage: string;
  readonly writeUnknown: string;
  readonly unknownField: string;
  readonly unterminatedGroup: string;
  readonly fieldOverrun: string;
  readonly defineMessage: string;
}

/** Everything `message.hbs` prints for one message. */
export interface MessageView {
  readonly kind: "message";
  /** TS name of the interface and the const. */
  readonly name: string;
  /** String literal of the fully qualified proto name. */
  readonly typeName: string;
  readonly doc: DocView;
  readonly props: readonly PropView[];
  readonly rt: MessageRuntimeNames;
  readonly newEntries: readonly string[];
  readonly writeLines: readonly string[];
  readonly readLocals: readonly string[];
  readonly readCases: readonly ReadCase[];
  /** What read returns: `m`, or `m` passed through the required-field check. */
  readonly finish: string;
  /** Parameters and body of `<name>$check` (empty: no required fields). */
  readonly checkParams: string;
  readonly checkLines: readonly string[];
  /** Entries of the field table (create, equals, JSON). */
  readonly fields: readonly string[];
  /** `int64: "string"` etc. for the spec, or empty under `--int64 bigint`. */
  readonly int64: string;
  /** Bodies of toJSON/fromJSON for well-known types with a special JSON form. */
  readonly toJSONLines: readonly string[];
  readonly fromJSONLines: readonly string[];
}

/** Builds the view of `message`, declared in this file as `name`. */
export function messageView(ctx: EmitContext, message: MessageModel, name: string): MessageView {
  const members = shapeMembers(ctx, message);
  const override = wktJsonOverride(ctx, message.fullName, `${name}$new()`, members);
  const plan = readPlan(ctx, message.fullName, members);
  const words = plan.locals.map((_, i) => `seen${i}`);
  return {
    kind: "message",
    name,
    typeName: stringLiteral(message.fullName),
    doc: docLines(message.doc),
    props: interfaceProps(ctx, members),
    rt: {
      MessageType: ctx.imports.runtimeType("MessageType"),
      JsonValue: override === undefined ? "" : ctx.imports.runtimeType("JsonValue"),
      Reader: ctx.imports.runtimeType("Reader"),
      Writer: ctx.imports.runtimeType("Writer"),
      PartialMessage: ctx.imports.runtimeType("PartialMessage"),
      writeUnknown: ctx.imports.runtime("writeUnknown"),
      unknownField: ctx.imports.runtime("unknownField"),
      unterminatedGroup: ctx.imports.runtime("unterminatedGroup"),
      fieldOverrun: ctx.imports.runtime("fieldOverrun"),
      defineMessage: ctx.imports.runtime("defineMessage"),
    },
    newEntries: newEntries(ctx, members),
    writeLines: writeStatements(ctx, members),
    readLocals: plan.locals,
    readCases: plan.cases,
    finish: words.length === 0 ? "m" : `${name}$check(m, r.pos, ${words.join(", ")})`,
    checkParams: ["pos: number", ...words.map((w) => `${w}: number`)].join(", "),
    checkLines: plan.checks,
    fields: fieldTable(ctx, members),
    int64: ctx.options.int64 === "bigint" ? "" : `int64: ${stringLiteral(ctx.options.int64)},`,
    toJSONLines: override?.toJSON ?? [],
    fromJSONLines: override?.fromJSON ?? [],
  };
}
