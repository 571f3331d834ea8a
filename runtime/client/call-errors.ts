import type { Metadata } from "../metadata/metadata.js";
import { RpcError } from "../status/rpc-error.js";
import { Status } from "../status/status.js";

/** @internal The timing facts of a call that error messages report. */
export interface CallTiming {
  readonly path: string;
  readonly peer: string;
  readonly startedAt: number;
  /** When the call was written to a connection; 0 if never. */
  readonly sentAt: number;
  /** µs the server reported spending; -1 if unknown. */
  readonly serverTimeUs: number;
}

function ms(n: number): string {
  return n < 10 ? n.toFixed(1) : Math.round(n).toString();
}

/**
 * "waited 0.2 ms for a connection, 99.8 ms on the wire and in the server":
 * where the time of a failed call went (the issue asks errors to say so).
 */
export function describePhases(t: CallTiming, now: number): string {
  if (t.sentAt === 0) return `never sent: waited ${ms(now - t.startedAt)} ms for a connection`;
  // Timestamps come from per-turn clocks: clamp so rounding never shows negative phases.
  const waiting = `waited ${ms(Math.max(0, t.sentAt - t.startedAt))} ms for a connection`;
  const onWire = Math.max(0, now - Math.max(t.sentAt, t.startedAt));
  if (t.serverTimeUs < 0) return `${waiting}, ${ms(onWire)} ms on the wire and in the server`;
  const server = t.serverTimeUs / 1000;
  return `${waiting}, ${ms(Math.max(0, onWire - server))} ms on the wire, ${ms(server)} ms in the server`;
}

/** DEADLINE_EXCEEDED raised locally. */
export function deadlineError(t: CallTiming, budgetMs: number, now: number): RpcError {
  const budget = Number.isFinite(budgetMs) ? `deadline of ${ms(budgetMs)} ms` : "deadline";
  return new RpcError(
    Status.DEADLINE_EXCEEDED,
    `${budget} exceeded calling ${t.path} on ${t.peer} after ${ms(now - t.startedAt)} ms (${describePhases(t, now)})`,
    { method: t.path, peer: t.peer },
  );
}

/** An error for the call derived from a connection-level one (lost, GOAWAY, keepalive). */
export function connectionError(t: CallTiming, cause: RpcError, now: number): RpcError {
  return new RpcError(cause.code, `${t.path} on ${t.peer} failed: ${cause.message} (${describePhases(t, now)})`, {
    method: t.path,
    peer: t.peer,
    cause,
    metadata: cause.metadata,
  });
}

/** A locally raised error for the call, naming method and peer. */
export function callError(t: CallTiming, code: Status, what: string, cause?: unknown): RpcError {
  return new RpcError(code, `${t.path} on ${t.peer}: ${what}`, { method: t.path, peer: t.peer, cause });
}

/** The error for a non-OK status sent by the server: its code and message unchanged. */
export function statusError(t: CallTiming, code: number, detail: string, trailers: Metadata): RpcError {
  return new RpcError(code, detail, { metadata: trailers, method: t.path, peer: t.peer });
}

/** RESOURCE_EXHAUSTED: `what` of `size` bytes is over `whose` limit. */
export function limitError(t: CallTiming, what: string, size: number, whose: "the server's" | "this client's", limit: number): RpcError {
  return callError(t, Status.RESOURCE_EXHAUSTED, `${what} of ${size} bytes exceeds ${whose} limit of ${limit}`);
}
