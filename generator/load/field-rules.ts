/**
 * The per-field facts that depend on syntax and editions features: presence,
 * packing, delimited encoding and enum closedness. protobufjs parses the
 * `features` options but leaves their meaning to us; the rules here follow
 * descriptor.proto (proto2 and proto3 behave as their feature presets).
 */
import type protobuf from "protobufjs";
import type { Presence, ScalarType } from "../model/model.js";

export type Syntax = "proto2" | "proto3" | "editions";

/** Reads an editions feature set on `object` or the nearest enclosing element. */
export function inheritedFeature(object: protobuf.ReflectionObject | null, name: string): string | undefined {
  for (let o = object; o; o = o.parent) {
    const value = featureOf(o.options, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function featureOf(options: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!options) return undefined;
  const nested = options["features"];
  if (nested && typeof nested === "object") {
    const value = (nested as Record<string, unknown>)[name];
    if (typeof value === "string") return value;
  }
  const flat = options[`features.${name}`];
  return typeof flat === "string" ? flat : undefined;
}

/** Whether an enum is closed: every proto2 enum, and editions enums marked CLOSED. */
export function isClosedEnum(enumType: protobuf.Enum, syntax: Syntax): boolean {
  if (syntax === "proto2") return true;
  if (syntax === "proto3") return false;
  return inheritedFeature(enumType, "enum_type") === "CLOSED";
}

/** What kind of value a field holds, for the rules below. */
export interface FieldShape {
  readonly syntax: Syntax;
  readonly field: protobuf.Field;
  readonly repeated: boolean;
  readonly isMap: boolean;
  readonly valueKind: "scalar" | "enum" | "message";
  readonly scalar?: ScalarType;
  readonly inOneof: boolean;
  readonly proto3Optional: boolean;
}

/** Presence as FieldModel defines it; repeated and map fields count as implicit. */
export function presenceOf(shape: FieldShape): Presence {
  if (shape.repeated || shape.isMap) return "implicit";
  const { syntax, field } = shape;
  if (syntax === "proto2") return field.rule === "required" ? "required" : "explicit";
  if (syntax === "editions") {
    const feature = inheritedFeature(field, "field_presence");
    if (feature === "LEGACY_REQUIRED") return "required";
    if (shape.valueKind === "message" || shape.inOneof) return "explicit";
    return feature === "IMPLICIT" ? "implicit" : "explicit";
  }
  return shape.valueKind === "message" || shape.inOneof || shape.proto3Optional ? "explicit" : "implicit";
}

/** Only repeated numbers, bools and enums can be packed. */
export function isPacked(shape: FieldShape): boolean {
  if (!shape.repeated || shape.isMap || shape.valueKind === "message") return false;
  if (shape.scalar === "string" || shape.scalar === "bytes") return false;
  const packed: unknown = shape.field.options?.["packed"];
  if (shape.syntax === "proto2") return packed === true;
  if (shape.syntax === "proto3") return packed !== false;
  if (typeof packed === "boolean") return packed;
  return (inheritedFeature(shape.field, "repeated_field_encoding") ?? "PACKED") === "PACKED";
}

/** Message fields written as groups: proto2 `group`, editions DELIMITED. */
export function isDelimited(shape: FieldShape, isGroup: boolean): boolean {
  if (shape.valueKind !== "message" || shape.isMap) return false;
  if (shape.syntax === "editions") return inheritedFeature(shape.field, "message_encoding") === "DELIMITED";
  return isGroup;
}
