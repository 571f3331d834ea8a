/**
 * The protoc plugin's parameter string (`--protostub_opt=...` or
 * `--protostub_out=OPTS:DIR`) carries the same options as the CLI flags:
 * comma-separated `key=value` pairs, keys spelled like the flags with `_` or `-`.
 */
import { GeneratorError } from "../errors.js";
import { defaultEmitOptions, type EmitOptions, type ImportExtension, type Int64Mode } from "../options.js";

const int64Modes: readonly Int64Mode[] = ["bigint", "string", "number"];
const importExtensions: readonly ImportExtension[] = ["js", "ts", "none"];
const knownKeys = ["int64", "runtime_import", "import_extension", "templates"] as const;
type Key = (typeof knownKeys)[number];

/**
 * Parses e.g. `int64=string,runtime_import=@acme/rt`; an empty string gives
 * the defaults. Throws GeneratorError naming the offending key or value.
 */
export function parsePluginParameter(parameter: string): EmitOptions {
  let options: { -readonly [K in keyof EmitOptions]: EmitOptions[K] } = { ...defaultEmitOptions };
  const seen = new Set<Key>();
  for (const pair of parameter.split(",")) {
    if (pair.trim() === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const value = eq < 0 ? "" : pair.slice(eq + 1).trim();
    const key = knownKeys.find((k) => k === rawKey.replaceAll("-", "_"));
    if (key === undefined) {
      throw new GeneratorError(`unknown protostub option "${rawKey}" (known: ${knownKeys.join(", ")})`);
    }
    if (seen.has(key)) throw new GeneratorError(`protostub option "${key}" given twice`);
    seen.add(key);
    options = { ...options, ...parseValue(key, value) };
  }
  return options;
}

function parseValue(key: Key, value: string): Partial<EmitOptions> {
  switch (key) {
    case "int64":
      return { int64: oneOf(key, value, int64Modes) };
    case "import_extension":
      return { importExtension: oneOf(key, value, importExtensions) };
    case "runtime_import":
      return { runtimeImport: nonEmpty(key, value) };
    case "templates":
      return { templatesDir: nonEmpty(key, value) };
  }
}

function oneOf<T extends string>(key: Key, value: string, choices: readonly T[]): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) {
    throw new GeneratorError(`protostub option ${key}=${value}: expected one of ${choices.join(", ")}`);
  }
  return found;
}

function nonEmpty(key: Key, value: string): string {
  if (value === "") throw new GeneratorError(`protostub option ${key} needs a value`);
  return value;
}
