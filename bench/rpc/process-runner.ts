/**
 * Starts the server and client children (pinned with `taskset` when it
 * works), reads their event lines, and makes sure none outlives the bench:
 * every child is tracked until it exits and killed on any way out.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import type { ChildEvent } from "./protocol.js";

type EventName = ChildEvent["event"];

const live = new Set<ChildProcess>();

function isOneOf<N extends EventName>(event: ChildEvent, names: readonly N[]): event is Extract<ChildEvent, { event: N }> {
  return (names as readonly EventName[]).includes(event.event);
}

/** SIGKILLs every child still running (safe to call from an `exit` handler). */
export function killAllChildren(): void {
  for (const child of live) child.kill("SIGKILL");
}

/** True when `taskset -c 0` and `-c 1` work here and there are two CPUs to pin to. */
export function canPin(): boolean {
  const zero = spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
  const one = spawnSync("taskset", ["-c", "1", "true"], { stdio: "ignore" });
  return zero.status === 0 && one.status === 0;
}

/** A running child and the events it has sent. */
export class Child {
  readonly pid: number;
  private readonly process: ChildProcess;
  private readonly events: ChildEvent[] = [];
  private exitCode: number | string | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly role: string,
    script: string,
    config: object,
    cpu: number | undefined,
    nodeArgs: readonly string[],
  ) {
    const args = [...nodeArgs, script, JSON.stringify(config)];
    this.process =
      cpu === undefined
        ? spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] })
        : spawn("taskset", ["-c", String(cpu), process.execPath, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    if (this.process.pid === undefined) throw new Error(`${role}: could not start`);
    // taskset execs node in place, so this pid is the node process's.
    this.pid = this.process.pid;
    live.add(this.process);
    let partial = "";
    this.process.stdout?.setEncoding("utf8");
    this.process.stdout?.on("data", (text: string) => {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) this.onLine(line);
    });
    this.process.once("exit", (code, signal) => {
      live.delete(this.process);
      this.exitCode = code ?? signal ?? "unknown";
      this.wake?.();
    });
  }

  private onLine(line: string): void {
    if (line.trim() === "") return;
    try {
      this.events.push(JSON.parse(line) as ChildEvent);
    } catch {
      process.stderr.write(`${this.role}: ${line}\n`); // stray output from a library
      return;
    }
    this.wake?.();
  }

  /**
   * Resolves with the first not yet consumed event whose name is in `names`
   * (events before it are dropped). Rejects on a `failed` event, on exit, or
   * after `timeoutMs`.
   */
  async waitFor<N extends EventName>(names: readonly N[], timeoutMs: number): Promise<Extract<ChildEvent, { event: N }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let event = this.events.shift();
      while (event !== undefined) {
        if (event.event === "failed") throw new Error(`${this.role} failed: ${event.message}`);
        if (isOneOf(event, names)) return event;
        event = this.events.shift();
      }
      if (this.exitCode !== undefined) throw new Error(`${this.role} exited (${this.exitCode}) before ${names.join("/")}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`${this.role}: no ${names.join("/")} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Resolves true when the child exits within `timeoutMs`, false otherwise. */
  async exited(timeoutMs: number): Promise<boolean> {
    if (this.exitCode !== undefined) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.process.once("exit", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves on exit. */
  async stop(graceMs = 2000): Promise<void> {
    if (this.exitCode !== undefined) return;
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    this.process.kill("SIGTERM");
    const timer = setTimeout(() => this.process.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
