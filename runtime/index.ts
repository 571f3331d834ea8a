/**
 * `protostub/runtime`: what applications and generated code import.
 */
export * from "./codegen.js";
