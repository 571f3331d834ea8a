/**
 * `protostub`: the generator as a library.
 */
export type { EmitOptions, GeneratedFile, ImportExtension, Int64Mode } from "./options.js";
export { defaultEmitOptions } from "./options.js";
export { GeneratorError } from "./errors.js";
export type * from "./model/model.js";
export { loadSchema } from "./load/load-schema.js";
export type { LoadRequest } from "./load/load-schema.js";
export { loadFromCodeGeneratorRequest, loadFromFileDescriptorSet } from "./load/from-descriptors.js";
