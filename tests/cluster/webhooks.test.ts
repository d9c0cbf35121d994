import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRole, expectJson, newAccount, type TestAccount } from "../helpers/account";
import { api } from "../helpers/portal";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { startServer, type RunningServer } from "../helpers/server";
import { eventsOf, startReceiver, type Receiver } from "../helpers/webhook-receiver";

// Two instances on one PostgreSQL database share the outbox: every event, whichever
// instance wrote it, reaches the receiver exactly once (row leases, FOR UPDATE SKIP LOCKED).
const env = (database: TestDatabase["serverEnv"]) => ({
  ...database,
  WISP_TEST_CLOCK: "1",
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1",
});
let database: TestDatabase;
let a: RunningServer;
let b: RunningServer;
let account: TestAccount;
let receiver: Receiver;

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver();
  [a, b] = await Promise.all([startServer(3325, env(database.serverEnv)), startServer(3326, env(database.serverEnv))]);
  account = await newAccount(a.url, "Cluster Hooks");
}, 120_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await receiver?.stop();
  await database?.drop();
}, 60_000);

describe("webhooks on two instances", () => {
  it("deliver each event once, whichever instance wrote it", async () => {
    const { secret } = await expectJson<{ secret: string }>(
      await account.owner("/api/v1/webhooks", {
        method: "POST",
        json: { url: receiver.url, events: ["role.created"] },
      }),
      201,
    );
    const onB = api(b.url, account.ownerKey.secret);
    const roles = await Promise.all(
      Array.from({ length: 40 }, (_, i) => createRole(i % 2 === 0 ? account.owner : onB, { users: "READ" })),
    );
    // Until every webhook message is marked sent (after which none is sent again).
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const unsent = async () =>
      (
        await client.query(
          "SELECT count(*)::int AS n FROM outbox_messages WHERE channel = 'webhook' AND status <> 'sent'",
        )
      ).rows[0].n;
    try {
      await expect.poll(unsent, { timeout: 60_000, interval: 100 }).toBe(0);
    } finally {
      await client.end();
    }
    const ids = receiver.received.map((delivery) => delivery.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(roles.length);
    expect(ids).toHaveLength(roles.length);
    const delivered = new Set(eventsOf(receiver, secret).map((event) => event.data.id));
    expect(roles.every((role) => delivered.has(role.id))).toBe(true);
  }, 120_000);
});
