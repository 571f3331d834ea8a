/**
 * The view-model of one message: every decision made, every statement
 * written, ready for `templates/partials/message.hbs` to lay out.
 */
import type { MessageModel } from "../model/model.js";
import { type DocView, docLines } from "./doc.js";
import { type EmitContext, shapeMembers } from "./field-shape.js";
import { readPlan, type ReadCase, writeStatements } from "./message-codec.js";
import { fromJSONStatements, toJSONStatements } from "./message-json.js";
import { createStatements, equalsStatements, interfaceProps, newEntries, type PropView } from "./message-object.js";
import { stringLiteral } from "./names.js";
import { wktJsonOverride } from "./wkt-json.js";

/** Runtime names a message's code uses, as bound in this file. */
export interface MessageRuntimeNames {
  readonly MessageType: string;
  readonly PartialMessage: string;
  readonly JsonValue: string;
  readonly Reader: string;
  readonly Writer: string;
  readonly writeUnknown: string;
  readonly storeUnknown: string;
  readonly endGroup: string;
  readonly unterminatedGroup: string;
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
  readonly createLines: readonly string[];
  readonly writeLines: readonly string[];
  readonly readLocals: readonly string[];
  readonly readCases: readonly ReadCase[];
  readonly readChecks: readonly string[];
  readonly equalsLines: readonly string[];
  readonly toJSONLines: readonly string[];
  readonly fromJSONLines: readonly string[];
}

/** Builds the view of `message`, declared in this file as `name`. */
export function messageView(ctx: EmitContext, message: MessageModel, name: string): MessageView {
  const members = shapeMembers(ctx, message);
  const fresh = `${name}$new()`;
  const override = wktJsonOverride(ctx, message.fullName, fresh, members);
  return {
    kind: "message",
    name,
    typeName: stringLiteral(message.fullName),
    doc: docLines(message.doc),
    props: interfaceProps(ctx, members),
    rt: {
      MessageType: ctx.imports.runtimeType("MessageType"),
      PartialMessage: ctx.imports.runtimeType("PartialMessage"),
      JsonValue: ctx.imports.runtimeType("JsonValue"),
      Reader: ctx.imports.runtime("Reader"),
      Writer: ctx.imports.runtime("Writer"),
      writeUnknown: ctx.imports.runtime("writeUnknown"),
      storeUnknown: ctx.imports.runtime("storeUnknown"),
      endGroup: ctx.imports.runtime("endGroup"),
      unterminatedGroup: ctx.imports.runtime("unterminatedGroup"),
    },
    newEntries: newEntries(ctx, members),
    createLines: createStatements(ctx, members),
    writeLines: writeStatements(ctx, members),
    ...readView(ctx, message, members),
    equalsLines: equalsStatements(ctx, members),
    toJSONLines: override?.toJSON ?? toJSONStatements(ctx, members),
    fromJSONLines: override?.fromJSON ?? fromJSONStatements(ctx, message.fullName, fresh, members),
  };
}

function readView(ctx: EmitContext, message: MessageModel, members: ReturnType<typeof shapeMembers>) {
  const plan = readPlan(ctx, message.fullName, members);
  return { readLocals: plan.locals, readCases: plan.cases, readChecks: plan.checks };
}
