/**
 * Shared by test/differential-binary.test.ts and differential-json.test.ts:
 * every fixture message as @bufbuild/protobuf sees it (descriptors from
 * Debian's protoc, built at test time into a temp dir) next to our generated
 * `MessageType` for it (dist/fixtures/gen), and fast-check generators of
 * random instances built through @bufbuild/protobuf's reflection API, so
 * that the reference library, not our code, decides what a valid message is.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  create, createFileRegistry, type DescEnum, type DescField, type DescMessage, type FileRegistry, fromBinary, fromJson,
  type JsonValue as EsJsonValue, type Message, ScalarType,
} from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { anyPack, DurationSchema, type FileDescriptorSet, FileDescriptorSetSchema, TimestampSchema } from "@bufbuild/protobuf/wkt";
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { MessageType } from "../runtime/codegen.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const protoRoot = path.join(repoRoot, "fixtures/proto");
const genRoot = path.join(repoRoot, "dist/fixtures/gen");

/** Debian's protoc 3.21 cannot parse editions, and @bufbuild/protobuf gets its descriptors from protoc. */
const PROTOC_CANNOT_PARSE = new Set(["editions/editions.proto"]);

/**
 * Without `-I` pointing at a protobuf install, our generator compiles the
 * well-known types from protobufjs's bundled copies. Its descriptor.proto is
 * newer than Debian's protoc 3.21 include in one way that matters here:
 * FileOptions.php_generic_services (field 42) was removed upstream and is
 * reserved there. Instances drawn from protoc's schema could set it and our
 * code would (rightly) keep it only as an unknown field, so it is removed from
 * the reference schema. Fields only the newer copy has are never set by
 * those instances, so nothing else needs aligning; any other difference
 * fails the tests.
 */
function withoutRemovedDescriptorFields(set: FileDescriptorSet): FileDescriptorSet {
  const file = set.file.find((f) => f.name === "google/protobuf/descriptor.proto");
  const options = file?.messageType.find((m) => m.name === "FileOptions");
  if (options !== undefined) options.field = options.field.filter((f) => f.number !== 42);
  return set;
}

export interface Fixtures {
  readonly registry: FileRegistry;
  /** Every fixture message that has a generated counterpart, sorted by name. */
  readonly pairs: readonly { readonly desc: DescMessage; readonly ours: MessageType<object> }[];
  /** Why some messages or files are not compared. */
  readonly notes: readonly string[];
}

function listFiles(dir: string, suffix: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listFiles(full, suffix, base);
    return e.name.endsWith(suffix) ? [path.relative(base, full).split(path.sep).join("/")] : [];
  });
}

function isMessageType(v: unknown): v is MessageType<object> {
  if (typeof v !== "object" || v === null) return false;
  const t = v as Partial<MessageType<object>>;
  return typeof t.typeName === "string" && typeof t.encode === "function" && typeof t.decode === "function";
}

/** Fails when the generated fixtures are missing: they are committed, and `npm test` builds them into dist. */
export async function loadFixtures(): Promise<Fixtures> {
  assert.ok(existsSync(genRoot), `${genRoot} is missing: run npm run build (fixtures/gen is committed; npm run gen:fixtures remakes it)`);
  const protos = listFiles(protoRoot, ".proto").filter((f) => !PROTOC_CANNOT_PARSE.has(f)).sort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "protostub-differential-"));
  let set: Uint8Array;
  try {
    const out = path.join(dir, "fixtures.pb");
    execFileSync("protoc", ["--include_imports", `--descriptor_set_out=${out}`, "-I", protoRoot, ...protos], { stdio: ["ignore", "ignore", "inherit"] });
    set = readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const registry = createFileRegistry(withoutRemovedDescriptorFields(fromBinary(FileDescriptorSetSchema, set)));
  const ours = new Map<string, MessageType<object>>();
  for (const file of listFiles(genRoot, ".js").sort()) {
    const mod = (await import(pathToFileURL(path.join(genRoot, file)).href)) as { [name: string]: unknown };
    for (const value of Object.values(mod)) if (isMessageType(value)) ours.set(value.typeName, value);
  }
  const notes = [...PROTOC_CANNOT_PARSE].map((f) => `${f}: not compared (protoc 3.21 cannot parse editions)`);
  const pairs: { desc: DescMessage; ours: MessageType<object> }[] = [];
  for (const type of registry) {
    if (type.kind !== "message") continue;
    const mine = ours.get(type.typeName);
    if (mine !== undefined) pairs.push({ desc: type, ours: mine });
    else if (type.proto.options?.mapEntry !== true) notes.push(`${type.typeName}: no generated MessageType`);
  }
  pairs.sort((a, b) => (a.desc.typeName < b.desc.typeName ? -1 : 1));
  return { registry, pairs, notes };
}

/** The fixtures for one differential test file, with a first test that says what is compared and what is not. */
export async function fixturesFor(kind: "binary" | "JSON"): Promise<Fixtures> {
  const fixtures = await loadFixtures();
  test(`the ${kind} differential test pairs the fixture messages with @bufbuild/protobuf's`, (t) => {
    assert.ok(fixtures.pairs.length > 50, `only ${fixtures.pairs.length} messages paired`);
    t.diagnostic(`${fixtures.pairs.length} messages compared`);
    for (const note of fixtures.notes) t.diagnostic(note);
  });
  return fixtures;
}

/** Random instances per message and direction; DIFFERENTIAL_RUNS=1000 searches deeper. */
export function runsPerMessage(fallback: number): number {
  return Number(process.env["DIFFERENTIAL_RUNS"] ?? fallback);
}

/** What the generated instances must respect. */
export interface InstanceOptions {
  /**
   * Only messages the proto3 JSON mapping can express: Timestamp and
   * Duration in range, FieldMask paths that survive camelCase, Struct/Value
   * holding JSON, Any packing a known type.
   */
  readonly json: boolean;
  readonly maxDepth: number;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** In JSON text -0 is 0 (JSON.stringify(-0) === "0"), so JSON instances leave it out. */
const notNegativeZero = (x: number): boolean => !Object.is(x, -0);

function scalarArb(t: ScalarType, json: boolean): fc.Arbitrary<unknown> {
  switch (t) {
    case ScalarType.DOUBLE: return json ? fc.double().filter(notNegativeZero) : fc.double();
    case ScalarType.FLOAT: return json ? fc.float().filter(notNegativeZero) : fc.float();
    case ScalarType.INT32: case ScalarType.SINT32: case ScalarType.SFIXED32: return fc.integer(INT32);
    case ScalarType.UINT32: case ScalarType.FIXED32: return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case ScalarType.INT64: case ScalarType.SINT64: case ScalarType.SFIXED64:
      return fc.oneof(fc.bigInt(INT64), fc.bigInt({ min: -1000n, max: 1000n }));
    case ScalarType.UINT64: case ScalarType.FIXED64:
      return fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 1000n }));
    case ScalarType.BOOL: return fc.boolean();
    case ScalarType.STRING: return fc.string({ unit: "binary", maxLength: 12 });
    case ScalarType.BYTES: return fc.uint8Array({ maxLength: 12 });
  }
}

function enumArb(e: DescEnum, json: boolean): fc.Arbitrary<number> {
  // NullValue's JSON form is `null` whatever the number, so JSON can only carry 0.
  if (json && e.typeName === "google.protobuf.NullValue") return fc.constant(0);
  const known = fc.constantFrom(...e.values.map((v) => v.number));
  // Open enums keep unknown numbers as field values; closed ones cannot hold them.
  return e.open ? fc.oneof(known, fc.integer(INT32)) : known;
}

const fieldMaskPath = fc.array(fc.stringMatching(/^[a-z][a-z0-9]{0,5}(_[a-z][a-z0-9]{0,4}){0,2}$/), { minLength: 1, maxLength: 3 }).map((p) => p.join("."));

/** JSON values as Struct/Value/ListValue can hold them (finite numbers). */
const jsonValue: fc.Arbitrary<EsJsonValue> = fc.jsonValue({ maxDepth: 2 }).map(function noNegativeZero(v): EsJsonValue {
  if (typeof v === "number") return Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map(noNegativeZero);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, noNegativeZero(x as EsJsonValue)]));
  return v;
});

/** Random instances of well-known types that the JSON mapping constrains, or undefined for the rest. */
function jsonWktArb(desc: DescMessage, registry: FileRegistry): fc.Arbitrary<ReflectMessage> | undefined {
  const fromJsonValue = (json: EsJsonValue): ReflectMessage => reflect(desc, fromJson(desc, json) as Message);
  switch (desc.typeName) {
    case "google.protobuf.Timestamp":
      return fc.record({ seconds: fc.bigInt({ min: -62135596800n, max: 253402300799n }), nanos: fc.integer({ min: 0, max: 999999999 }) })
        .map((v) => reflect(desc, create(TimestampSchema, v) as Message));
    case "google.protobuf.Duration":
      return fc.record({ seconds: fc.bigInt({ min: -315576000000n, max: 315576000000n }), nanos: fc.integer({ min: 0, max: 999999999 }) })
        .map(({ seconds, nanos }) => reflect(desc, create(DurationSchema, { seconds, nanos: seconds < 0n ? -nanos : nanos }) as Message));
    case "google.protobuf.FieldMask":
      return fc.array(fieldMaskPath, { maxLength: 3 }).map((paths) => reflect(desc, create(desc, { paths }) as Message));
    case "google.protobuf.Struct":
      return fc.dictionary(fc.string({ maxLength: 6 }), jsonValue, { maxKeys: 3 }).map((o) => fromJsonValue(o));
    case "google.protobuf.Value":
      return jsonValue.map((v) => fromJsonValue(v));
    case "google.protobuf.ListValue":
      return fc.array(jsonValue, { maxLength: 3 }).map((a) => fromJsonValue(a));
    case "google.protobuf.Any": {
      const packable = [TimestampSchema, DurationSchema, registry.getMessage("scalars.Singular")].filter((d) => d !== undefined);
      return fc.constantFrom(...packable).chain((inner) =>
        messageArb(inner, registry, { json: true, maxDepth: 1 }).map((m) => reflect(desc, anyPack(inner, m.message) as Message)));
    }
    default:
      return undefined;
  }
}

interface Assignment {
  readonly field: DescField;
  readonly value: unknown;
}

function valueArb(field: DescField, registry: FileRegistry, options: InstanceOptions, depth: number): fc.Arbitrary<unknown> | undefined {
  const nested = (m: DescMessage): fc.Arbitrary<ReflectMessage> | undefined =>
    depth >= options.maxDepth ? undefined : messageArb(m, registry, options, depth + 1);
  switch (field.fieldKind) {
    case "scalar": return scalarArb(field.scalar, options.json);
    case "enum": return enumArb(field.enum, options.json);
    case "message": return nested(field.message);
    case "list": {
      const item = field.listKind === "scalar" ? scalarArb(field.scalar, options.json) : field.listKind === "enum" ? enumArb(field.enum, options.json) : nested(field.message);
      return item === undefined ? undefined : fc.array(item, { maxLength: 3 });
    }
    case "map": {
      const item = field.mapKind === "scalar" ? scalarArb(field.scalar, options.json) : field.mapKind === "enum" ? enumArb(field.enum, options.json) : nested(field.message);
      // Keys in the form ReflectMap.set takes (bigint for 64-bit keys, boolean for bool keys).
      return item === undefined ? undefined : fc.array(fc.tuple(scalarArb(field.mapKey, false), item), { maxLength: 3 });
    }
  }
}

/** Sets one generated value on a reflected message (lists and maps element by element). */
function assign(target: ReflectMessage, { field, value }: Assignment): void {
  if (field.fieldKind === "list") {
    const list = target.get(field);
    for (const item of value as unknown[]) list.add(item);
  } else if (field.fieldKind === "map") {
    const map = target.get(field);
    for (const [k, v] of value as [unknown, unknown][]) map.set(k, v);
  } else {
    target.set(field, value);
  }
}

/**
 * Random valid instances of `desc`: each field set or not (required fields
 * always), at most one member per oneof, nesting cut at `maxDepth`.
 */
export function messageArb(desc: DescMessage, registry: FileRegistry, options: InstanceOptions, depth = 0): fc.Arbitrary<ReflectMessage> {
  if (options.json) {
    const special = jsonWktArb(desc, registry);
    if (special !== undefined) return special;
  }
  const parts: fc.Arbitrary<Assignment | undefined>[] = [];
  for (const member of desc.members) {
    if (member.kind === "oneof") {
      const choices = member.fields.flatMap((f) => {
        const arb = valueArb(f, registry, options, depth);
        return arb === undefined ? [] : [arb.map((value): Assignment => ({ field: f, value }))];
      });
      parts.push(fc.oneof(fc.constant(undefined), ...choices));
      continue;
    }
    const arb = valueArb(member, registry, options, depth);
    if (arb === undefined) continue;
    const set = arb.map((value): Assignment => ({ field: member, value }));
    // presence 3 is LEGACY_REQUIRED (proto2 `required`): @bufbuild/protobuf refuses to encode without it.
    parts.push(member.presence === 3 ? set : fc.option(set, { nil: undefined, freq: 2 }));
  }
  return fc.tuple(...parts).map((assignments) => {
    const target = reflect(desc);
    for (const a of assignments) if (a !== undefined) assign(target, a);
    return target;
  });
}
