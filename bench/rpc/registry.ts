/**
 * The implementations under test, loaded on demand so that each child
 * process only loads the library it measures (its RSS and start-up are its own).
 */
import type { Implementation } from "./adapter.js";

/** Every implementation name, in table order. */
export const IMPLEMENTATION_NAMES = ["limit", "grpc-js", "protostub"] as const;

/** One of `IMPLEMENTATION_NAMES`. */
export type ImplementationName = (typeof IMPLEMENTATION_NAMES)[number];

/** Narrows a command-line string to an implementation name. */
export function isImplementationName(name: string): name is ImplementationName {
  return (IMPLEMENTATION_NAMES as readonly string[]).includes(name);
}

/** Loads the adapter of `name`. */
export async function loadImplementation(name: string): Promise<Implementation> {
  switch (name) {
    case "limit":
      return (await import("./adapters/limit.js")).limit;
    case "grpc-js":
      return (await import("./adapters/grpc-js.js")).grpcJs;
    case "protostub":
      return (await import("./adapters/protostub.js")).protostub;
    default:
      throw new Error(`unknown implementation "${name}"`);
  }
}
