/**
 * How protobuf names become TypeScript names. One rule, applied everywhere:
 * a name that would break or shadow something gets a `$` appended. Protobuf
 * identifiers never contain `$`, so an escaped name can never collide with
 * one taken from a .proto, and the generator's own internal helpers (which all
 * contain `$`) can never collide with either.
 */
import { protocJsonName } from "../load/json-name.js";

/**
 * Words that cannot name a declaration (`interface X`, `const X`, `enum X`)
 * in a strict-mode ES module, or that TypeScript refuses as a type name.
 */
const reservedWords = new Set([
  // ECMAScript reserved words and strict-mode / module reserved words.
  "break", "case", "catch", "class", "const", "continue", "debugger", "default",
  "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
  "function", "if", "import", "in", "instanceof", "new", "null", "return",
  "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void",
  "while", "with", "yield", "let", "static", "implements", "interface",
  "package", "private", "protected", "public", "await", "arguments", "eval",
  // TypeScript's predefined type names (TS2427 "Interface name cannot be ...").
  "any", "unknown", "never", "number", "bigint", "boolean", "string", "symbol",
  "object", "undefined", "type", "as", "async", "declare", "namespace", "module",
  "readonly", "keyof", "infer", "is", "asserts", "satisfies", "global",
]);

/**
 * Globals a generated module may reference. A top-level declaration with one
 * of these names would shadow the global for the whole module (a message named
 * `Uint8Array` would break every bytes field), so such names are escaped too.
 */
const reservedGlobals = new Set([
  "globalThis", "Object", "Function", "Array", "Number", "String", "Boolean",
  "Symbol", "BigInt", "Math", "JSON", "Date", "RegExp", "Error", "TypeError",
  "RangeError", "SyntaxError", "Promise", "Map", "Set", "WeakMap", "WeakSet",
  "Proxy", "Reflect", "ArrayBuffer", "SharedArrayBuffer", "DataView",
  "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array",
  "Int32Array", "Float32Array", "Float64Array", "BigInt64Array",
  "BigUint64Array", "Uint8ClampedArray", "NaN", "Infinity", "isNaN",
  "isFinite", "parseInt", "parseFloat", "TextEncoder", "TextDecoder",
  "AsyncIterable", "Iterable", "PromiseLike", "Record", "Partial", "Readonly",
  "ReadonlyArray",
]);

/**
 * Property names that a message object must not own: they are inherited from
 * `Object.prototype` and used implicitly by the language (`String(m)`,
 * `m == x`, `JSON.stringify(m)`), so a field value there would break them.
 * `__proto__` cannot occur: the camel-case rule below drops underscores.
 */
const reservedProperties = new Set([
  "constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty",
  "isPrototypeOf", "propertyIsEnumerable", "toJSON",
]);

/** protoc's json_name rule (`foo_bar` -> `fooBar`), shared with the loader. */
export const protoCamelCase = protocJsonName;

/** The TS property name of a field or oneof: protoc's json_name rule, then escaped. */
export function propertyName(protoName: string): string {
  const camel = protoCamelCase(protoName);
  // `_1st` camel-cases to `1st` and `_` to ``: not identifiers, so prefix `$`.
  if (!/^[A-Za-z]/.test(camel)) return `$${camel}`;
  return reservedProperties.has(camel) ? `${camel}$` : camel;
}

/**
 * The key of a method in a service definition, and the name of its client
 * method and server member: `SayHello` -> `sayHello`. Besides the property
 * rule, `then` is escaped: a client with a `then` method is a thenable, so
 * `await`ing it (or returning it from an async function) would start a call.
 */
export function methodKey(protoName: string): string {
  const camel = protoCamelCase(protoName);
  const lower = camel.charAt(0).toLowerCase() + camel.slice(1);
  if (!/^[A-Za-z]/.test(lower)) return `$${lower}`;
  return reservedProperties.has(lower) || lower === "then" ? `${lower}$` : lower;
}

/** A top-level declaration name, escaped if it is reserved or shadows a global. */
export function declarationName(name: string): string {
  return reservedWords.has(name) || reservedGlobals.has(name) ? `${name}$` : name;
}

/** True when `name` may not be used as a module-level binding. */
export function isReservedBinding(name: string): boolean {
  return reservedWords.has(name) || reservedGlobals.has(name);
}

/**
 * An enum member name. TS accepts any identifier there, but `__proto__` would
 * set the enum object's prototype instead of defining a member.
 */
export function enumMemberName(protoName: string): string {
  return protoName === "__proto__" ? `${protoName}$` : protoName;
}

/**
 * The unescaped TS name of a message, enum or service: its fully qualified
 * name without the package, nested names joined with `_`
 * (`pkg.Outer.Inner` in package `pkg` -> `Outer_Inner`).
 */
export function localTypeName(fullName: string, pkg: string): string {
  const rest = pkg === "" ? fullName : fullName.slice(pkg.length + 1);
  return rest.split(".").join("_");
}

/** A JS string literal for `value` (double-quoted, JSON escaping, always ASCII-safe). */
export function stringLiteral(value: string): string {
  // JSON.stringify leaves U+2028/U+2029 raw; escape them so older parsers and
  // tools that split on line terminators see one line.
  return JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** True when `name` can be written as a bare property name (`o.name`, `{ name: v }`). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}
