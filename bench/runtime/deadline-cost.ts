/**
 * What a deadline costs per call: `setTimeout` + `clearTimeout` versus
 * `DeadlineQueue` add + remove, with 64 calls in flight and 5 s timeouts
 * (the calls finish long before). Part of `npm run bench:runtime`.
 */
import { systemClock } from "../../runtime/deadline/clock.js";
import { DeadlineQueue, type DeadlineEntry } from "../../runtime/deadline/deadline-queue.js";

const IN_FLIGHT = 64;
const ITERATIONS = 2_000_000;

class Call implements DeadlineEntry {
  deadlineAt = 0;
  deadlineIndex = -1;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  onDeadline(): void {}
}

function noop(): void {}

/** µs per call with one `setTimeout` per call. */
export function withSetTimeout(): number {
  const ring: Call[] = [];
  for (let i = 0; i < IN_FLIGHT; i++) ring.push(new Call());
  const t0 = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const k = i % IN_FLIGHT;
    clearTimeout((ring[k] as Call).timer);
    const c = new Call();
    c.deadlineAt = performance.now() + 5000;
    c.timer = setTimeout(noop, 5000);
    ring[k] = c;
  }
  const dt = performance.now() - t0;
  for (const c of ring) clearTimeout(c.timer);
  return (dt * 1000) / ITERATIONS;
}

/** µs per call with the runtime's single-timer queue. */
export function withQueue(): number {
  const q = new DeadlineQueue(systemClock);
  const ring: Call[] = [];
  for (let i = 0; i < IN_FLIGHT; i++) {
    const c = new Call();
    c.deadlineAt = performance.now() + 5000;
    q.add(c);
    ring.push(c);
  }
  const t0 = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const k = i % IN_FLIGHT;
    q.remove(ring[k] as Call);
    const c = new Call();
    c.deadlineAt = performance.now() + 5000;
    q.add(c);
    ring[k] = c;
  }
  const dt = performance.now() - t0;
  q.clear();
  return (dt * 1000) / ITERATIONS;
}
