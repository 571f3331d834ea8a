/**
 * Hostile and broken peers on raw sockets: malformed, truncated and
 * oversized frames against our server (A3, A5, A10, I1, I4, H3), and a
 * server that is not one of ours against our client (E5). The server must
 * close only the offending connection and keep serving the others.
 */
import assert from "node:assert/strict";
import { connect, createServer as createNetServer, type Socket } from "node:net";
import { after, before, test } from "node:test";
import { channelStats, createChannel } from "../runtime/client/create-channel.js";
import type { Channel } from "../runtime/client/channel.js";
import { readU32, writeU16, writeU32 } from "../runtime/framing/bytes.js";
import {
  FLAG_END_STREAM,
  FLAG_HAS_MESSAGE,
  FLAG_PATH_LITERAL,
  FRAME_CALL,
  FRAME_END,
  FRAME_GOAWAY,
  FRAME_HALF_CLOSE,
  FRAME_HELLO,
  FRAME_MESSAGE,
  FRAME_PING,
  HELLO_MAGIC,
  PROTOCOL_VERSION,
} from "../runtime/framing/constants.js";
import { FrameDecoder } from "../runtime/framing/frame-decoder.js";
import { createServer, type Server } from "../runtime/server/server.js";
import { RpcError } from "../runtime/status/rpc-error.js";
import { Status } from "../runtime/status/status.js";
import { forceGc } from "./transport-gc.js";
import { frame, helloFrame } from "./transport-raw-frames.js";
import { sleep, TesterDefinition, Text, within, testerImpl } from "./transport-helpers.js";

interface RawFrame {
  type: number;
  flags: number;
  callId: number;
  payload: Buffer;
}

/** A CALL frame with the path spelled out and one request message. */
function callFrame(callId: number, path: string, message: Uint8Array, pathRef = 0): Buffer {
  const pathBytes = Buffer.from(path);
  const head = Buffer.alloc(4 + pathBytes.length);
  writeU16(head, 0, pathRef);
  writeU16(head, 2, pathBytes.length);
  pathBytes.copy(head, 4);
  return frame(FRAME_CALL, FLAG_PATH_LITERAL | FLAG_HAS_MESSAGE | FLAG_END_STREAM, callId, Buffer.concat([head, message]));
}

/** A raw TCP peer that records the frames it receives. */
class RawPeer {
  readonly frames: RawFrame[] = [];
  readonly closed: Promise<void>;
  private readonly decoder = new FrameDecoder(
    {
      onFrame: (type, flags, callId, buf, s, e) => this.frames.push({ type, flags, callId, payload: Buffer.from(buf.subarray(s, e)) }),
      onOversizeFrame: () => assert.fail("server sent an oversized frame"),
      onFrameError: (r) => assert.fail(r),
    },
    { maxCallFrame: 1 << 24, maxConnectionFrame: 1 << 16 },
  );

  constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.decoder.push(chunk));
    socket.on("error", () => {});
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
  }

  static async open(port: number): Promise<RawPeer> {
    const socket = connect({ host: "127.0.0.1", port });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("error", reject);
    });
    return new RawPeer(socket);
  }

  send(...bufs: Buffer[]): void {
    this.socket.write(Buffer.concat(bufs));
  }

  async waitFor(type: number, what: string, ms = 2000): Promise<RawFrame> {
    return within(
      ms,
      (async () => {
        for (;;) {
          const f = this.frames.find((x) => x.type === type);
          if (f !== undefined) return f;
          await sleep(5);
        }
      })(),
      what,
    );
  }
}

function goawayReason(f: RawFrame): { code: number; reason: string } {
  return { code: readU32(f.payload, 4), reason: f.payload.subarray(8).toString("utf8") };
}

let server: Server;
let port: number;
let healthy: Channel;
const echoPath = TesterDefinition.methods.echo.path;

before(async () => {
  server = createServer({ handshakeTimeoutMs: 300, settings: { maxMessageSize: 64 * 1024 } }).add(TesterDefinition, testerImpl({
    echo: async (req) => {
      if (req.text === "slow") await sleep(300);
      return { text: req.text, n: req.n };
    },
  }));
  port = await server.listen({ port: 0 });
  healthy = createChannel(`127.0.0.1:${port}`);
  await healthy.unary(TesterDefinition.methods.echo, { text: "warm" });
});

after(async () => {
  await healthy.close();
  await server.close({ graceMs: 100 });
});

/** Runs `attack` while a healthy client has a call in flight; the healthy call must succeed. */
async function whileServing(attack: () => Promise<void>): Promise<void> {
  const call = healthy.unary(TesterDefinition.methods.echo, { text: "slow" });
  await attack();
  assert.equal((await call).text, "slow");
  assert.equal((await healthy.unary(TesterDefinition.methods.echo, { text: "after" })).text, "after");
}

test("a valid raw exchange works (sanity for the helpers)", async () => {
  const peer = await RawPeer.open(port);
  peer.send(helloFrame(), callFrame(1, echoPath, Text.encode({ text: "raw", n: 3, blob: new Uint8Array(0) })));
  const end = await peer.waitFor(FRAME_END, "END");
  assert.equal(readU32(end.payload, 0), Status.OK);
  assert.ok((end.flags & FLAG_HAS_MESSAGE) !== 0);
  peer.socket.destroy();
});

test("a malformed CALL frame gets GOAWAY with the reason, only that connection closes (I4)", async () => {
  await whileServing(async () => {
    const peer = await RawPeer.open(port);
    const bad = Buffer.alloc(6);
    writeU16(bad, 0, 1);
    writeU16(bad, 2, 900); // path length beyond the frame
    peer.send(helloFrame(), frame(FRAME_CALL, FLAG_PATH_LITERAL, 1, bad));
    const g = goawayReason(await peer.waitFor(FRAME_GOAWAY, "GOAWAY"));
    assert.equal(g.code, Status.INTERNAL);
    assert.match(g.reason, /path length 900 exceeds the frame/);
    await within(2000, peer.closed, "server closes the connection");
  });
});

test("garbage instead of HELLO (an HTTP request) gets GOAWAY and a close (E5 server side)", async () => {
  const peer = await RawPeer.open(port);
  peer.send(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  const g = goawayReason(await peer.waitFor(FRAME_GOAWAY, "GOAWAY"));
  assert.match(g.reason, /expected HELLO/);
  await within(2000, peer.closed, "close");
});

test("a bad HELLO magic or version is refused", async () => {
  for (const [magic, version, pattern] of [
    [0x12345678, PROTOCOL_VERSION, /magic/],
    [HELLO_MAGIC, 99, /unsupported protocol version 99/],
  ] as const) {
    const peer = await RawPeer.open(port);
    const p = Buffer.alloc(6);
    writeU32(p, 0, magic);
    writeU16(p, 4, version);
    peer.send(frame(FRAME_HELLO, 0, 0, p));
    assert.match(goawayReason(await peer.waitFor(FRAME_GOAWAY, "GOAWAY")).reason, pattern);
    await within(2000, peer.closed, "close");
  }
});

test("a truncated frame followed by a close leaves nothing behind (A5)", async () => {
  await whileServing(async () => {
    const peer = await RawPeer.open(port);
    const full = callFrame(1, echoPath, Text.encode({ text: "cut", n: 1, blob: new Uint8Array(100) }));
    peer.send(helloFrame(), full.subarray(0, full.length - 40));
    await sleep(30);
    peer.socket.end();
    await within(2000, peer.closed, "close");
  });
  await sleep(20);
  assert.equal(server.activeCalls, 0);
});

test("a connection frame claiming more than 16 KiB is a protocol error (I1)", async () => {
  const peer = await RawPeer.open(port);
  peer.send(helloFrame(), frame(FRAME_PING, 0, 0, new Uint8Array(8), 1_000_000));
  assert.match(goawayReason(await peer.waitFor(FRAME_GOAWAY, "GOAWAY")).reason, /claims 1000000 bytes/);
  await within(2000, peer.closed, "close");
});

test("a CALL over the size limit is skipped unbuffered, answered RESOURCE_EXHAUSTED, and the connection goes on (A3)", async () => {
  const peer = await RawPeer.open(port);
  const claim = 10 * 1024 * 1024;
  peer.send(helloFrame(), frame(FRAME_CALL, FLAG_PATH_LITERAL, 1, new Uint8Array(0), claim));
  await forceGc();
  const heapBefore = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const chunk = Buffer.alloc(256 * 1024);
  for (let sent = 0; sent < claim; sent += chunk.length) {
    if (!peer.socket.write(chunk.subarray(0, Math.min(chunk.length, claim - sent)))) await new Promise((r) => peer.socket.once("drain", r));
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - heapBefore);
  }
  const end = await peer.waitFor(FRAME_END, "END for the oversized call", 5000);
  assert.equal(end.callId, 1);
  assert.equal(readU32(end.payload, 0), Status.RESOURCE_EXHAUSTED);
  peer.send(callFrame(2, echoPath, Text.encode({ text: "next", n: 0, blob: new Uint8Array(0) })));
  await within(2000, (async () => { while (!peer.frames.some((f) => f.type === FRAME_END && f.callId === 2)) await sleep(5); })(), "next call answered");
  await forceGc();
  assert.ok(process.memoryUsage().arrayBuffers - heapBefore < 1024 * 1024, "nothing of the claimed size is kept");
  assert.ok(peak < claim, `peak growth ${peak} stays below the claimed ${claim}`);
  peer.socket.destroy();
});

test("an unknown frame type and a CANCEL for an unknown id are ignored (A10)", async () => {
  const peer = await RawPeer.open(port);
  peer.send(helloFrame(), frame(0x7f, 0, 5, Buffer.from("future")), frame(0x07, 0, 99, Buffer.alloc(4)));
  peer.send(callFrame(1, echoPath, Text.encode({ text: "fine", n: 0, blob: new Uint8Array(0) })));
  const end = await peer.waitFor(FRAME_END, "END");
  assert.equal(readU32(end.payload, 0), Status.OK);
  peer.socket.destroy();
});

test("a call id that does not increase is a protocol error (I4)", async () => {
  const peer = await RawPeer.open(port);
  const msg = Text.encode({ text: "a", n: 0, blob: new Uint8Array(0) });
  peer.send(helloFrame(), callFrame(5, echoPath, msg), callFrame(5, echoPath, msg));
  assert.match(goawayReason(await peer.waitFor(FRAME_GOAWAY, "GOAWAY")).reason, /call id 5 is not above/);
  await within(2000, peer.closed, "close");
});

test("a peer that connects and says nothing is closed after the handshake timeout (H3)", async () => {
  const peer = await RawPeer.open(port);
  const t0 = performance.now();
  await within(2000, peer.closed, "handshake timeout");
  assert.ok(performance.now() - t0 >= 250);
});

test("our client against a server that is not ours fails UNAVAILABLE promptly, not at its deadline (E5)", async () => {
  const impostor = createNetServer((s) => {
    s.on("error", () => {});
    s.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  });
  const p = await new Promise<number>((resolve) => impostor.listen(0, "127.0.0.1", () => resolve((impostor.address() as { port: number }).port)));
  const channel = createChannel(`127.0.0.1:${p}`);
  try {
    const t0 = performance.now();
    await assert.rejects(channel.unary(TesterDefinition.methods.echo, {}, { timeoutMs: 5000 }), (e: unknown) => e instanceof RpcError && e.code === Status.UNAVAILABLE && /not a protostub server/.test(e.message));
    assert.ok(performance.now() - t0 < 1000);
  } finally {
    await channel.close();
    impostor.close();
  }
});

test("our client drops frames for ids it does not know and still completes the call (A10, C7)", async () => {
  // A fake server that first answers an id that was never used, then the real one.
  const fake = createNetServer((s) => {
    s.on("error", () => {});
    const d = new FrameDecoder(
      {
        onFrame: (type, _flags, callId) => {
          if (type === FRAME_HELLO) s.write(helloFrame());
          if (type !== FRAME_CALL) return;
          const ok = Buffer.alloc(8);
          const reply = Text.encode({ text: "real", n: 0, blob: new Uint8Array(0) });
          s.write(Buffer.concat([frame(FRAME_END, FLAG_HAS_MESSAGE, callId + 1000, Buffer.concat([ok, reply])), frame(FRAME_END, FLAG_HAS_MESSAGE, callId, Buffer.concat([ok, reply]))]));
        },
        onOversizeFrame: () => {},
        onFrameError: () => s.destroy(),
      },
      { maxCallFrame: 1 << 20, maxConnectionFrame: 1 << 14 },
    );
    s.on("data", (c: Buffer) => d.push(c));
  });
  const p = await new Promise<number>((resolve) => fake.listen(0, "127.0.0.1", () => resolve((fake.address() as { port: number }).port)));
  const channel = createChannel(`127.0.0.1:${p}`);
  try {
    assert.equal((await channel.unary(TesterDefinition.methods.echo, {})).text, "real");
    assert.equal(channelStats(channel).droppedFrames, 1);
  } finally {
    await channel.close();
    await new Promise((r) => fake.close(r));
  }
});

/** The END frames received so far, by call id: [status, detail]. */
function ends(peer: RawPeer): Map<number, [number, string]> {
  const out = new Map<number, [number, string]>();
  for (const f of peer.frames) {
    if (f.type !== FRAME_END) continue;
    const detail = (f.flags & 0x04) !== 0 ? f.payload.subarray(12, 12 + readU32(f.payload, 8)).toString("utf8") : "";
    out.set(f.callId, [readU32(f.payload, 0), detail]);
  }
  return out;
}

async function waitEnds(peer: RawPeer, n: number): Promise<Map<number, [number, string]>> {
  await within(2000, (async () => { while (ends(peer).size < n) await sleep(5); })(), `${n} END frames`);
  return ends(peer);
}

test("request cardinality: none or two messages on a unary call -> UNIMPLEMENTED (A7)", async () => {
  const peer = await RawPeer.open(port);
  const msg = Text.encode({ text: "m", n: 0, blob: new Uint8Array(0) });
  const head = Buffer.alloc(4 + echoPath.length);
  writeU16(head, 0, 1);
  writeU16(head, 2, echoPath.length);
  head.write(echoPath, 4);
  const refOnly = Buffer.alloc(2);
  writeU16(refOnly, 0, 1);
  peer.send(
    helloFrame(),
    frame(FRAME_CALL, FLAG_PATH_LITERAL, 1, head),
    frame(FRAME_HALF_CLOSE, 0, 1),
    frame(FRAME_CALL, 0, 3, refOnly),
    frame(FRAME_MESSAGE, 0, 3, msg),
    frame(FRAME_MESSAGE, FLAG_END_STREAM, 3, msg),
  );
  const got = await waitEnds(peer, 2);
  assert.equal(got.get(1)?.[0], Status.UNIMPLEMENTED);
  assert.match(got.get(1)?.[1] ?? "", /got none/);
  assert.equal(got.get(3)?.[0], Status.UNIMPLEMENTED);
  assert.match(got.get(3)?.[1] ?? "", /got more/);
  peer.socket.destroy();
});

test("request bytes that are not valid protobuf -> INTERNAL naming the type (A6)", async () => {
  const peer = await RawPeer.open(port);
  peer.send(helloFrame(), callFrame(1, echoPath, Buffer.from([0xff, 0xff, 0xff])));
  const got = await waitEnds(peer, 1);
  assert.equal(got.get(1)?.[0], Status.INTERNAL);
  assert.match(got.get(1)?.[1] ?? "", /request does not decode as test\.Text/);
  peer.socket.destroy();
});

test("calls beyond the server's concurrency limit get RESOURCE_EXHAUSTED, the others run (I6)", async () => {
  const limited = createServer({ settings: { maxConcurrentCalls: 2 } }).add(TesterDefinition, testerImpl({
    echo: async () => {
      await sleep(200);
      return { text: "done" };
    },
  }));
  const p = await limited.listen({ port: 0 });
  const peer = await RawPeer.open(p);
  const msg = Text.encode({ text: "x", n: 0, blob: new Uint8Array(0) });
  peer.send(helloFrame(), callFrame(1, echoPath, msg), callFrame(2, echoPath, msg), callFrame(3, echoPath, msg));
  const got = await waitEnds(peer, 3);
  assert.equal(got.get(3)?.[0], Status.RESOURCE_EXHAUSTED);
  assert.equal(got.get(1)?.[0], Status.OK);
  assert.equal(got.get(2)?.[0], Status.OK);
  peer.socket.destroy();
  await limited.close({ graceMs: 50 });
});

test("PINGs more often than the server permits: GOAWAY too_many_pings after 2 strikes (G6)", async () => {
  const strict = createServer({ settings: { pingMinIntervalMs: 1000 } }).add(TesterDefinition, testerImpl({
    echo: async () => ({}),
  }));
  const p = await strict.listen({ port: 0 });
  const peer = await RawPeer.open(p);
  peer.send(helloFrame(), frame(FRAME_PING, 0, 0, Buffer.alloc(8)));
  await sleep(20);
  assert.ok(!peer.frames.some((f) => f.type === FRAME_GOAWAY), "a first ping is fine");
  for (let i = 0; i < 3; i++) peer.send(frame(FRAME_PING, 0, 0, Buffer.alloc(8)));
  const g = goawayReason(await peer.waitFor(FRAME_GOAWAY, "GOAWAY"));
  assert.equal(g.code, Status.RESOURCE_EXHAUSTED);
  assert.equal(g.reason, "too_many_pings");
  await within(2000, peer.closed, "close");
  await strict.close({ graceMs: 50 });
});

test("server keepalive drops a client that stops answering, keeps one that answers (E3 server side)", async () => {
  const pinging = createServer({ keepalive: { timeMs: 100, timeoutMs: 100 } }).add(TesterDefinition, testerImpl({
    echo: async () => ({ text: "alive" }),
  }));
  const p = await pinging.listen({ port: 0 });
  const silent = await RawPeer.open(p);
  silent.send(helloFrame());
  const answering = createChannel(`127.0.0.1:${p}`);
  try {
    assert.equal((await answering.unary(TesterDefinition.methods.echo, {})).text, "alive");
    const t0 = performance.now();
    await within(2000, silent.closed, "silent client dropped");
    const elapsed = performance.now() - t0;
    assert.ok(silent.frames.some((f) => f.type === FRAME_PING), "the server pinged first");
    assert.ok(elapsed >= 150 && elapsed < 1000, `dropped after ${elapsed.toFixed(0)} ms`);
    await sleep(300);
    assert.equal((await answering.unary(TesterDefinition.methods.echo, {})).text, "alive");
    assert.equal(pinging.acceptedConnections, 2, "the answering client kept its connection");
  } finally {
    await answering.close();
    await pinging.close({ graceMs: 50 });
  }
});
