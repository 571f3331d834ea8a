/**
 * Child process: connects one implementation's client, runs the closed loop
 * and reports the window's figures, then exits.
 */
import { loadFixtures } from "./fixtures.js";
import { runClosedLoop } from "./load-generator.js";
import { emit, failAndExit, readConfig, type ClientConfig } from "./protocol.js";
import { loadImplementation } from "./registry.js";

async function main(): Promise<void> {
  const config = readConfig<ClientConfig>();
  const impl = await loadImplementation(config.impl);
  const client = await impl.connect(config.port, loadFixtures(config.fixturesDir), config.workload);
  // The client measures its own CPU at the window's exact edges: it exits
  // right after its result, possibly before the parent could read /proc.
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  let cpuInWindow: NodeJS.CpuUsage | undefined;
  const result = await runClosedLoop(client, {
    concurrency: config.concurrency,
    warmupMs: config.warmupMs,
    windowMs: config.windowMs,
    drainMs: config.drainMs,
    maxCalls: config.maxCalls,
    onWindowStart: () => {
      cpuAtStart = process.cpuUsage();
      emit({ event: "window-start" });
    },
    onWindowEnd: () => {
      if (cpuAtStart !== undefined) cpuInWindow = process.cpuUsage(cpuAtStart);
      emit({ event: "window-end" });
    },
  });
  const cpuUs = cpuInWindow === undefined ? Number.NaN : cpuInWindow.user + cpuInWindow.system;
  emit({ event: "result", result, cpuUs, peakRssMiB: process.resourceUsage().maxRSS / 1024 });
  // Calls abandoned after the drain may never settle; do not wait for them.
  await Promise.race([client.close(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  process.exit(0);
}

main().catch(failAndExit);
