/**
 * Prints where a V8 CPU profile (`--cpu-prof`) spends its time: self time
 * per function and per package, highest first. Usage:
 *   node dist/bench/rpc/profile-summary.js FILE.cpuprofile [top]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function isProfile(value: unknown): value is Profile {
  return typeof value === "object" && value !== null && "nodes" in value && "samples" in value && "timeDeltas" in value;
}

/** "grpc-js", "protostub runtime", "node:internal" ... : where a frame's code lives. */
function area(url: string): string {
  if (url === "") return "(native/VM)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  const own = /\/dist\/([^/]+(?:\/[^/]+)?)/.exec(url);
  return own?.[1] ?? url;
}

function main(): void {
  const [file, topRaw] = process.argv.slice(2);
  if (file === undefined) throw new Error("usage: profile-summary FILE.cpuprofile [top]");
  const top = Number(topRaw ?? 25);
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isProfile(parsed)) throw new Error(`${file}: not a V8 CPU profile`);
  const byId = new Map(parsed.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  const areaUs = new Map<string, number>();
  let total = 0;
  parsed.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = parsed.timeDeltas[i] ?? 0;
    if (node === undefined) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*\/(node_modules|dist)\//, "");
    const key = `${functionName || "(anonymous)"} ${short}:${lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    areaUs.set(area(url), (areaUs.get(area(url)) ?? 0) + dt);
    total += dt;
  });
  const show = (title: string, map: Map<string, number>, limit: number): void => {
    process.stdout.write(`${title}\n`);
    for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}\n`);
    }
  };
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(2)} s sampled\n`);
  show("by area:", areaUs, 12);
  show("by function (self):", selfUs, top);
}

main();
