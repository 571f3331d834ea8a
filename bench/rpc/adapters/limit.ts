/**
 * `limit`: the raw length-prefixed echo over `node:net`, the ceiling every
 * RPC stack is compared with.
 */
import { callOnce, expectMessages, type Implementation } from "../adapter.js";
import { encodeEchoRequest, requestPayload } from "../fixtures.js";
import { connectLimitClient, type LimitRequest } from "./limit-client.js";
import { Op } from "./limit-frame.js";
import { startLimitServer } from "./limit-server.js";

/** The raw echo implementation. */
export const limit: Implementation = {
  name: "limit",
  startServer: () => startLimitServer(),
  async connect(port, fixtures, workload) {
    const encoded = Buffer.from(encodeEchoRequest(fixtures, requestPayload(fixtures, workload)));
    let request: LimitRequest;
    if (workload.kind === "echo") {
      request = { op: Op.echo, body: encoded };
    } else {
      const count = Buffer.allocUnsafe(4);
      count.writeUInt32BE(workload.count, 0);
      request = { op: Op.download, body: Buffer.concat([count, encoded]) };
    }
    const client = await connectLimitClient(port, request);
    const messages = await callOnce(client);
    if (workload.kind === "echo") {
      if (client.lastEchoBody === undefined || !client.lastEchoBody.equals(encoded)) {
        throw new Error("limit: echo reply differs from the request");
      }
    } else {
      expectMessages("limit", messages, workload.count);
    }
    client.verifying = false;
    return client;
  },
};
