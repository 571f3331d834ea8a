import type { ServiceDefinition } from "../service-definition.js";
import type { AnyHandler, Route } from "./service-impl.js";

/** @internal Method path -> route, filled by `server.add`. */
export class Router {
  private readonly routes = new Map<string, Route>();

  /**
   * Registers every method of `definition`. A method `impl` lacks answers
   * UNIMPLEMENTED; registering the same path twice throws (a setup bug).
   */
  add(definition: ServiceDefinition, impl: object): void {
    for (const [key, method] of Object.entries(definition.methods)) {
      if (this.routes.has(method.path)) throw new Error(`${method.path} is already registered`);
      const fn: unknown = (impl as Record<string, unknown>)[key];
      const handler = typeof fn === "function" ? (fn as AnyHandler) : undefined;
      this.routes.set(method.path, { method, impl, handler });
    }
  }

  get(path: string): Route | undefined {
    return this.routes.get(path);
  }
}
