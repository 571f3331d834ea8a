/**
 * Small readers over protobufjs reflection objects, shared by the builders,
 * and the schema-wide context they work in.
 */
import protobuf from "protobufjs";
import type { DocModel } from "../model/model.js";
import type { DeclarationInfo } from "./source-index.js";
import type { SymbolTable } from "./symbols.js";

/** What building a file needs from the rest of the schema. */
export interface SchemaContext {
  readonly symbols: SymbolTable;
  /** Full name of every enum to whether it is closed. */
  readonly closedEnums: ReadonlyMap<string, boolean>;
  /** Names of the files whose symbols each file may use (itself, imports, public imports). */
  readonly visibleFrom: (file: string) => ReadonlySet<string>;
  /** Renames the `__proto__` placeholder back (see parse-proto.ts). */
  readonly restore: (name: string) => string;
}

/**
 * The message's own fields: protobufjs also lists, under their full names,
 * extension fields that other declarations add to the message.
 */
export function ownFields(type: protobuf.Type): protobuf.Field[] {
  return type.fieldsArray.filter((field) => field.extend === undefined && field.declaringField === null);
}

/**
 * protobufjs names a group's field with only the first letter lowered
 * ("MyGroup" -> "myGroup"); protoc lowers the whole name ("mygroup").
 */
export function fieldName(field: protobuf.Field, owner: protobuf.Type, restore: (name: string) => string): string {
  const group = groupType(field, owner);
  return group ? restore(group.name).toLowerCase() : restore(field.name);
}

/** The nested group message a field declares, if it is a group field. */
export function groupType(field: protobuf.Field, owner: protobuf.Type): protobuf.Type | undefined {
  const nested = owner.nested?.[field.type];
  // protobufjs marks group types with an untyped `group` flag.
  return nested instanceof protobuf.Type && (nested as { group?: unknown }).group === true ? nested : undefined;
}

/** DocModel with absent comments left out (not `undefined`), so models compare structurally. */
export function toDoc(info: DeclarationInfo | undefined, deprecated: boolean): DocModel {
  return {
    ...(info?.leading !== undefined ? { leading: info.leading } : {}),
    ...(info?.trailing !== undefined ? { trailing: info.trailing } : {}),
    deprecated,
  };
}
