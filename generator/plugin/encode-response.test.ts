import assert from "node:assert/strict";
import { test } from "node:test";
import protobuf from "protobufjs";
import { Edition, encodeCodeGeneratorResponse, Feature } from "./encode-response.js";

// Decoded with protobufjs from the field layout of plugin.proto, an encoder
// written independently of ours.
const root = protobuf.Root.fromJSON({
  nested: {
    CodeGeneratorResponse: {
      fields: {
        error: { type: "string", id: 1 },
        supportedFeatures: { type: "uint64", id: 2 },
        minimumEdition: { type: "int32", id: 3 },
        maximumEdition: { type: "int32", id: 4 },
        file: { rule: "repeated", type: "File", id: 15 },
      },
      nested: {
        File: {
          fields: {
            name: { type: "string", id: 1 },
            insertionPoint: { type: "string", id: 2 },
            content: { type: "string", id: 15 },
          },
        },
      },
    },
  },
});
const Response = root.lookupType("CodeGeneratorResponse");

test("files, features and editions decode as protoc reads them", () => {
  const bytes = encodeCodeGeneratorResponse({
    supportedFeatures: Feature.proto3Optional | Feature.supportsEditions,
    minimumEdition: Edition.proto2,
    maximumEdition: Edition.edition2023,
    files: [
      { name: "a/b.ts", content: "x".repeat(300) + " é ✓ 😀\n" },
      { name: "c.ts", content: "" },
    ],
  });
  const decoded = Response.toObject(Response.decode(bytes), { longs: Number, defaults: true });
  assert.deepEqual(decoded, {
    error: "",
    supportedFeatures: 3,
    minimumEdition: 998,
    maximumEdition: 1000,
    file: [
      { name: "a/b.ts", insertionPoint: "", content: "x".repeat(300) + " é ✓ 😀\n" },
      { name: "c.ts", insertionPoint: "", content: "" },
    ],
  });
});

test("an error response carries the message", () => {
  const bytes = encodeCodeGeneratorResponse({ error: "x.proto:1:2: bad", supportedFeatures: 1, files: [] });
  const decoded = Response.toObject(Response.decode(bytes), { longs: Number });
  assert.equal(decoded.error, "x.proto:1:2: bad");
});
