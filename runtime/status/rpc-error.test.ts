import assert from "node:assert/strict";
import { test } from "node:test";
import { RpcError } from "./rpc-error.js";
import { Status, statusName } from "./status.js";

test("Status has the 17 gRPC codes with gRPC's numbers", () => {
  assert.equal(Status.OK, 0);
  assert.equal(Status.DEADLINE_EXCEEDED, 4);
  assert.equal(Status.RESOURCE_EXHAUSTED, 8);
  assert.equal(Status.UNIMPLEMENTED, 12);
  assert.equal(Status.UNAUTHENTICATED, 16);
  const numeric = Object.values(Status).filter((v) => typeof v === "number");
  assert.equal(numeric.length, 17);
});

test("statusName names known codes and passes unknown ones through (B3)", () => {
  assert.equal(statusName(14), "UNAVAILABLE");
  assert.equal(statusName(57), "CODE_57");
});

test("RpcError keeps code, message, metadata, method and peer", () => {
  const err = new RpcError(Status.NOT_FOUND, "no such user", { metadata: { a: "1" }, method: "/x.Y/Z", peer: "127.0.0.1:1" });
  assert.ok(err instanceof Error);
  assert.equal(err.code, Status.NOT_FOUND);
  assert.equal(err.message, "no such user");
  assert.equal(err.metadata["a"], "1");
  assert.equal(err.method, "/x.Y/Z");
  assert.equal(err.codeName, "NOT_FOUND");
  assert.equal(String(err), "RpcError [NOT_FOUND]: no such user");
});

test("RpcError.from returns RpcErrors as they are and wraps anything else", () => {
  const orig = new RpcError(Status.ABORTED, "x");
  assert.equal(RpcError.from(orig), orig);
  const wrapped = RpcError.from(new Error("boom"), Status.INTERNAL);
  assert.equal(wrapped.code, Status.INTERNAL);
  assert.equal(wrapped.message, "boom");
  assert.equal(RpcError.from("text").code, Status.UNKNOWN);
  const abort = new AbortController();
  abort.abort();
  assert.equal(RpcError.from(abort.signal.reason).code, Status.CANCELLED);
});
