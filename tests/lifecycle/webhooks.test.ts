import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRole, expectJson, newAccount } from "../helpers/account";
import { MINUTE, setServerClock } from "../helpers/clock";
import { spawnServer, waitUntilReady, type ServerProcess } from "../helpers/server";
import { startReceiver, verified, type Receiver } from "../helpers/webhook-receiver";

// A committed webhook event survives the server: the receiver refuses it for now, the
// process is killed (-9) before it could deliver it, and after a restart it arrives, once,
// signed, with the same webhook-id.
let receiver: Receiver;
let dataDir: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  dataDir = mkdtempSync(path.join(tmpdir(), "wisp-webhook-lifecycle-"));
});

afterAll(async () => {
  for (const server of servers) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  await receiver?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(): ServerProcess {
  const server = spawnServer(3372, { DATA_DIR: dataDir, WISP_TEST_CLOCK: "1", WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1" });
  servers.push(server);
  return server;
}

const waitForOutput = (server: ServerProcess, pattern: RegExp) =>
  expect.poll(() => server.output(), { timeout: 30_000, interval: 50 }).toMatch(pattern);

describe("a committed webhook event", () => {
  it("is delivered once after kill -9 and a restart", async () => {
    const first = start();
    await waitUntilReady(first, 150_000);
    const account = await newAccount(first.url);
    const { secret } = await expectJson<{ secret: string }>(
      await account.owner("/api/v1/webhooks", {
        method: "POST",
        json: { url: receiver.url, events: ["role.created"] },
      }),
      201,
    );
    receiver.status = 503;
    const role = await createRole(account.owner, { users: "READ" });
    // Committed, tried, refused for now, scheduled again: then the process dies.
    await waitForOutput(first, /outbox: webhook\/role\.created message [0-9a-f-]{36} will be retried: .*503/);
    first.child.kill("SIGKILL");
    await first.exited;
    const refused = receiver.received.filter((delivery) => delivery.body.includes(role.id));
    expect(refused).toHaveLength(1);

    receiver.status = 200;
    const second = start();
    await waitUntilReady(second, 150_000);
    // The retry is due a minute or so later: move the new process's clock past it.
    await setServerClock(second.url, 2 * MINUTE);
    await expect
      .poll(() => receiver.received.filter((delivery) => delivery.body.includes(role.id)).length, {
        timeout: 30_000,
        interval: 50,
      })
      .toBe(2);
    const [before, after] = receiver.received.filter((delivery) => delivery.body.includes(role.id));
    expect(after.headers["webhook-id"]).toBe(before.headers["webhook-id"]);
    expect(verified(after, secret)).toMatchObject({ type: "role.created", data: { id: role.id } });
    // Nothing more of it arrives: delivered once, marked sent.
    await setServerClock(second.url, 60 * MINUTE);
    const again = await createRole(account.owner, { users: "READ" });
    await expect
      .poll(() => receiver.received.some((delivery) => delivery.body.includes(again.id)), { timeout: 30_000 })
      .toBe(true);
    expect(receiver.received.filter((delivery) => delivery.body.includes(role.id))).toHaveLength(2);
  }, 420_000);
});
