/**
 * Child process: starts one implementation's server and reports its port.
 * SIGTERM closes it and exits cleanly (so that `--cpu-prof` gets written).
 */
import { loadFixtures } from "./fixtures.js";
import { emit, failAndExit, readConfig, type ServerConfig } from "./protocol.js";
import { loadImplementation } from "./registry.js";

async function main(): Promise<void> {
  const config = readConfig<ServerConfig>();
  const impl = await loadImplementation(config.impl);
  const server = await impl.startServer(loadFixtures(config.fixturesDir));
  process.once("SIGTERM", () => {
    // Exit even if close hangs on a connection that will not drain.
    setTimeout(() => process.exit(0), 1000).unref();
    void server.close().finally(() => process.exit(0));
  });
  emit({ event: "listening", port: server.port });
}

main().catch(failAndExit);
