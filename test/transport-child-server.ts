/**
 * A server in its own process, for tests that kill or stop it
 * (transport-lifecycle.test.ts). Prints its port on stdout, then serves
 * until killed. argv[2]: JSON `ServerOptions.settings`.
 */
import { createServer } from "../runtime/server/server.js";
import { sleep, TesterDefinition } from "./transport-helpers.js";

const settings = JSON.parse(process.argv[2] ?? "{}") as Record<string, number>;
const server = createServer({ settings }).add(TesterDefinition, {
  async echo(req, ctx) {
    if (req.text === "slow") await sleep(req.n, ctx.signal);
    return { text: req.text, n: req.n };
  },
  async *download(req) {
    for (let i = 0; i < req.n; i++) yield { n: i };
  },
  upload: async () => ({}),
  chat: async function* () {},
});
const port = await server.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`${port}\n`);
process.on("SIGTERM", () => void server.close({ graceMs: 100 }).then(() => process.exit(0)));
