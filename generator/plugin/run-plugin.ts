/**
 * The protoc plugin as a function: CodeGeneratorRequest bytes in,
 * CodeGeneratorResponse bytes out. Files come out of the same model and
 * emitter as the CLI's, which is what makes their output identical.
 */
import { emitSchema } from "../emit/emit-schema.js";
import { GeneratorError } from "../errors.js";
import { loadFromCodeGeneratorRequest } from "../load/from-descriptors.js";
import { Edition, encodeCodeGeneratorResponse, Feature } from "./encode-response.js";
import { parsePluginParameter } from "./parameter.js";
import { resolveTemplatesDir } from "../resolve-inputs.js";
import { sortGeneratedFiles } from "../sort-generated-files.js";

/**
 * Answers one request. A GeneratorError becomes the response's `error`
 * (protoc shows it to the user as `--protostub_out: message`); any other
 * exception is a bug and propagates.
 */
export function runPlugin(request: Uint8Array): Uint8Array {
  const features = {
    supportedFeatures: Feature.proto3Optional | Feature.supportsEditions,
    minimumEdition: Edition.proto2,
    maximumEdition: Edition.edition2023,
  };
  try {
    const { model, parameter } = loadFromCodeGeneratorRequest(request);
    const options = parsePluginParameter(parameter);
    const emit =
      options.templatesDir === undefined
        ? options
        : { ...options, templatesDir: resolveTemplatesDir(options.templatesDir, process.cwd()) };
    const files = sortGeneratedFiles(emitSchema(model, emit));
    return encodeCodeGeneratorResponse({ ...features, files });
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    return encodeCodeGeneratorResponse({ ...features, error: error.message, files: [] });
  }
}
