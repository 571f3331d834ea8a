/**
 * Well-known types whose proto3 JSON form is not an object of their fields
 * (https://protobuf.dev/programming-guides/json/). For these, the generated
 * `toJSON`/`fromJSON` bodies are replaced by calls into runtime/json; the
 * binary codec is generated as for any message.
 */
import type { EmitContext, MemberShape } from "./field-shape.js";
import { messageRefOf } from "./field-shape.js";
import { stringLiteral } from "./names.js";

/** Replacement bodies for `toJSON(m)` and `fromJSON(json)`. */
export interface JsonOverride {
  readonly toJSON: readonly string[];
  readonly fromJSON: readonly string[];
}

const wrappers: Record<string, { to?: string; from: (rt: (n: string) => string, where: string) => string }> = {
  "google.protobuf.DoubleValue": { to: "floatToJSON", from: (rt, w) => `${rt("floatFromJSON")}(json, false, ${w})` },
  "google.protobuf.FloatValue": { to: "floatToJSON", from: (rt, w) => `${rt("floatFromJSON")}(json, true, ${w})` },
  "google.protobuf.Int64Value": { to: "int64ToJSON", from: (rt, w) => `${rt("int64FromJSON")}(json, true, ${w})` },
  "google.protobuf.UInt64Value": { to: "int64ToJSON", from: (rt, w) => `${rt("int64FromJSON")}(json, false, ${w})` },
  "google.protobuf.Int32Value": { from: (rt, w) => `${rt("int32FromJSON")}(json, ${w})` },
  "google.protobuf.UInt32Value": { from: (rt, w) => `${rt("uint32FromJSON")}(json, ${w})` },
  "google.protobuf.BoolValue": { from: (rt, w) => `${rt("boolFromJSON")}(json, ${w})` },
  "google.protobuf.StringValue": { from: (rt, w) => `${rt("stringFromJSON")}(json, ${w})` },
  "google.protobuf.BytesValue": { to: "bytesToJSON", from: (rt, w) => `${rt("bytesFromJSON")}(json, ${w})` },
};

/** The JSON override of `typeName`, or undefined for ordinary messages. */
export function wktJsonOverride(ctx: EmitContext, typeName: string, fresh: string, _members: readonly MemberShape[]): JsonOverride | undefined {
  const rt = (name: string): string => ctx.imports.runtime(name);
  const w = stringLiteral(typeName);
  // Seconds are bigint in the runtime helpers; convert for `--int64 string|number`.
  const fromBig = (x: string): string => (ctx.options.int64 === "bigint" ? x : ctx.options.int64 === "string" ? `String(${x})` : `Number(${x})`);
  const sibling = (name: string): string => {
    const symbol = ctx.index.type(`google.protobuf.${name}`, `${ctx.file.name}: ${typeName}`);
    return messageRefOf(ctx, symbol).value;
  };
  const wrapper = wrappers[typeName];
  if (wrapper !== undefined) {
    const toInt64 = typeName === "google.protobuf.Int64Value" || typeName === "google.protobuf.UInt64Value";
    const from = wrapper.from(rt, w);
    return {
      toJSON: [`return ${wrapper.to === undefined ? "m.value" : `${rt(wrapper.to)}(m.value)`};`],
      fromJSON: [`const m = ${fresh};`, `m.value = ${toInt64 ? fromBig(from) : from};`, "return m;"],
    };
  }
  switch (typeName) {
    case "google.protobuf.Timestamp":
    case "google.protobuf.Duration": {
      const kind = typeName === "google.protobuf.Timestamp" ? "timestamp" : "duration";
      return {
        toJSON: [`return ${rt(`${kind}ToJSON`)}(BigInt(m.seconds), m.nanos);`],
        fromJSON: [`const t = ${rt(`${kind}FromJSON`)}(json, ${w});`, `const m = ${fresh};`, `m.seconds = ${fromBig("t.seconds")};`, "m.nanos = t.nanos;", "return m;"],
      };
    }
    case "google.protobuf.FieldMask":
      return {
        toJSON: [`return ${rt("fieldMaskToJSON")}(m.paths);`],
        fromJSON: [`const m = ${fresh};`, `m.paths = ${rt("fieldMaskFromJSON")}(json, ${w});`, "return m;"],
      };
    case "google.protobuf.Any":
      return {
        toJSON: [`return ${rt("anyToJSON")}(m.typeUrl, m.value);`],
        fromJSON: [`const a = ${rt("anyFromJSON")}(json, ${w});`, `const m = ${fresh};`, "m.typeUrl = a.typeUrl;", "m.value = a.value;", "return m;"],
      };
    case "google.protobuf.Struct":
      return {
        toJSON: [`return ${rt("mapToJSON")}(m.fields, (v) => ${sibling("Value")}.toJSON(v));`],
        fromJSON: [
          `const m = ${fresh};`,
          `for (const [k, v] of ${rt("jsonEntries")}(json, ${w})) ${rt("setEntry")}(m.fields, k, ${sibling("Value")}.fromJSON(v));`,
          "return m;",
        ],
      };
    case "google.protobuf.ListValue":
      return {
        toJSON: [`return m.values.map((v) => ${sibling("Value")}.toJSON(v));`],
        fromJSON: [`const m = ${fresh};`, `m.values = ${rt("jsonArray")}(json, ${w}).map((v) => ${sibling("Value")}.fromJSON(v));`, "return m;"],
      };
    case "google.protobuf.Value":
      return {
        toJSON: [
          "const k = m.kind;",
          "switch (k.case) {",
          "  case \"nullValue\":",
          "    return null;",
          "  case \"numberValue\":",
          "    if (!Number.isFinite(k.value)) break;",
          "    return k.value;",
          "  case \"stringValue\":",
          "  case \"boolValue\":",
          "    return k.value;",
          "  case \"structValue\":",
          `    return ${sibling("Struct")}.toJSON(k.value);`,
          "  case \"listValue\":",
          `    return ${sibling("ListValue")}.toJSON(k.value);`,
          "}",
          `throw new ${rt("JsonError")}("google.protobuf.Value must hold a finite number, a string, a bool, null, a struct or a list");`,
        ],
        fromJSON: [
          `const m = ${fresh};`,
          "if (json === null) m.kind = { case: \"nullValue\", value: 0 };",
          "else if (typeof json === \"number\") m.kind = { case: \"numberValue\", value: json };",
          "else if (typeof json === \"string\") m.kind = { case: \"stringValue\", value: json };",
          "else if (typeof json === \"boolean\") m.kind = { case: \"boolValue\", value: json };",
          `else if (Array.isArray(json)) m.kind = { case: "listValue", value: ${sibling("ListValue")}.fromJSON(json) };`,
          `else m.kind = { case: "structValue", value: ${sibling("Struct")}.fromJSON(json) };`,
          "return m;",
        ],
      };
    default:
      return undefined;
  }
}
