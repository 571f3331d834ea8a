/**
 * Encodes google.protobuf.compiler.CodeGeneratorResponse by hand: four
 * field kinds are all it needs, and this keeps the plugin's answer free of
 * any schema loading.
 */
import type { GeneratedFile } from "../options.js";

/** Bits of CodeGeneratorResponse.Feature (plugin.proto). */
export const Feature = { proto3Optional: 1, supportsEditions: 2 } as const;

/** Edition enum numbers from descriptor.proto. */
export const Edition = { proto2: 998, proto3: 999, edition2023: 1000 } as const;

/** The fields of CodeGeneratorResponse the plugin sets. */
export interface CodeGeneratorResponse {
  /** A user-facing error; protoc prints it and fails. Files are ignored when set. */
  readonly error?: string;
  readonly supportedFeatures: number;
  readonly minimumEdition?: number;
  readonly maximumEdition?: number;
  readonly files: readonly GeneratedFile[];
}

/** Serializes `response` in the protobuf binary format, fields in number order. */
export function encodeCodeGeneratorResponse(response: CodeGeneratorResponse): Uint8Array {
  const out = new ByteSink();
  if (response.error !== undefined) out.bytesField(1, utf8(response.error));
  out.varintField(2, response.supportedFeatures);
  if (response.minimumEdition !== undefined) out.varintField(3, response.minimumEdition);
  if (response.maximumEdition !== undefined) out.varintField(4, response.maximumEdition);
  for (const file of response.files) {
    const entry = new ByteSink();
    entry.bytesField(1, utf8(file.name)); // File.name
    entry.bytesField(15, utf8(file.content)); // File.content
    out.bytesField(15, entry.finish()); // file
  }
  return out.finish();
}

function utf8(text: string): Uint8Array {
  return Buffer.from(text, "utf8");
}

/** Append-only buffer of chunks; enough for one response. */
class ByteSink {
  private readonly chunks: Uint8Array[] = [];

  varintField(field: number, value: number): void {
    this.varint((field << 3) | 0);
    this.varint(value);
  }

  bytesField(field: number, bytes: Uint8Array): void {
    this.varint((field << 3) | 2);
    this.varint(bytes.length);
    this.chunks.push(bytes);
  }

  finish(): Uint8Array {
    return Buffer.concat(this.chunks);
  }

  /** Non-negative integers below 2^53 only, which covers tags, lengths and enum values here. */
  private varint(value: number): void {
    const bytes: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
    this.chunks.push(Uint8Array.from(bytes));
  }
}
