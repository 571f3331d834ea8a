import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Link, LinkHandler } from "../transport/link.js";
import { HEADER_SIZE } from "./constants.js";
import { writeCallFrame, writeEndFrame, writeHelloFrame } from "./frame-encoders.js";
import { CallHead, EndHead, parseCallHead, parseEndHead, parseHello } from "./frame-parsers.js";
import { FrameWriter } from "./frame-writer.js";
import { metadataSize, readMetadata } from "./metadata-block.js";
import { DEFAULT_SETTINGS } from "./settings.js";

function capture(write: (w: FrameWriter) => void): Buffer {
  const chunks: Uint8Array[] = [];
  const link: Link = { peer: "t", start: (_h: LinkHandler) => {}, write: (c) => (chunks.push(...c), true), end: () => {}, destroy: () => {} };
  const w = new FrameWriter(link);
  write(w);
  w.flush();
  return Buffer.concat(chunks);
}

test("CALL round-trips path, deadline, metadata and message", () => {
  const md = { user: "ada", "k-bin": new Uint8Array([1, 2, 3]) };
  const bytes = capture((w) => writeCallFrame(w, 9, 3, Buffer.from("/a.B/C"), 250, md, metadataSize(md), Buffer.from("msg"), true));
  const h = new CallHead();
  assert.equal(parseCallHead(bytes, HEADER_SIZE, bytes.length, bytes[5] as number, h), undefined);
  assert.equal(h.timeoutMs, 250);
  assert.equal(h.pathRef, 3);
  assert.equal(bytes.toString("utf8", h.pathStart, h.pathEnd), "/a.B/C");
  assert.deepEqual({ ...(readMetadata(bytes, h.mdStart, h.mdEnd) as object) }, { user: "ada", "k-bin": new Uint8Array([1, 2, 3]) });
  assert.equal(bytes.toString("utf8", h.msgStart, h.msgEnd), "msg");
});

test("END round-trips status, server time, detail, trailers and message", () => {
  const md = { t: "v" };
  const bytes = capture((w) => writeEndFrame(w, 1, 57, 1234, "naïve détail", md, metadataSize(md), Buffer.from("reply")));
  const h = new EndHead();
  assert.equal(parseEndHead(bytes, HEADER_SIZE, bytes.length, bytes[5] as number, h), undefined);
  assert.equal(h.code, 57);
  assert.equal(h.serverTimeUs, 1234);
  assert.equal(bytes.toString("utf8", h.detailStart, h.detailEnd), "naïve détail");
  assert.equal(bytes.toString("utf8", h.msgStart, h.msgEnd), "reply");
});

test("HELLO round-trips the settings", () => {
  const bytes = capture((w) => writeHelloFrame(w, { ...DEFAULT_SETTINGS, maxMessageSize: 123 }));
  const s = parseHello(bytes, HEADER_SIZE, bytes.length);
  assert.equal(typeof s === "object" && s.maxMessageSize, 123);
});

test("truncated or lying payloads give a reason, never a throw or an overrun (A9)", () => {
  const md = { a: "b" };
  const call = capture((w) => writeCallFrame(w, 1, 1, Buffer.from("/x/y"), 5, md, metadataSize(md), Buffer.from("m"), true));
  const end = capture((w) => writeEndFrame(w, 1, 2, 0, "d", md, metadataSize(md)));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 255 }), (junk, flags) => {
      const buf = Buffer.from(junk);
      const h = new CallHead();
      const r = parseCallHead(buf, 0, buf.length, flags, h);
      if (r === undefined) {
        for (const [s, e] of [[h.pathStart, h.pathEnd], [h.mdStart, h.mdEnd], [h.msgStart, h.msgEnd]] as const) assert.ok(s <= e && e <= buf.length);
        if (h.mdStart >= 0) readMetadata(buf, h.mdStart, h.mdEnd);
      }
      parseEndHead(buf, 0, buf.length, flags, new EndHead());
      parseHello(buf, 0, buf.length);
    }),
    { numRuns: 2000 },
  );
  for (let cut = HEADER_SIZE; cut < call.length - 1; cut++) {
    const r = parseCallHead(call, HEADER_SIZE, cut, call[5] as number, new CallHead());
    assert.ok(r === undefined || typeof r === "string");
  }
  for (let cut = HEADER_SIZE; cut < end.length; cut++) {
    assert.equal(typeof parseEndHead(end, HEADER_SIZE, cut, end[5] as number, new EndHead()), "string");
  }
});
