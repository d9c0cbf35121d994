import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { HOUR, setServerClock } from "../helpers/clock";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { startServer, type RunningServer } from "../helpers/server";

// The unused-key policy on two instances of one PostgreSQL database: both scan at the same
// moment (the test clock's POST runs the scan), yet each key gets one notice and is
// disabled once, with one audit event.
const DAY = 24 * HOUR;
const KEYS = 6;
let database: TestDatabase;
let a: RunningServer;
let b: RunningServer;
let account: TestAccount;

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { DATABASE_URL: database.url, WISP_TEST_CLOCK: "1" };
  [a, b] = await Promise.all([startServer(3327, env), startServer(3328, env)]);
  account = await newAccount(a.url, "Cluster Sweep");
}, 120_000);

afterAll(async () => {
  await Promise.all([a && setServerClock(a.url, 0), b && setServerClock(b.url, 0)]);
  await a?.stop();
  await b?.stop();
  await database?.drop();
}, 60_000);

const bothAt = (offsetMs: number) => Promise.all([setServerClock(a.url, offsetMs), setServerClock(b.url, offsetMs)]);

describe("the unused-key policy on two instances", () => {
  it("notices and disables each key once", async () => {
    const roleId = (await roleNamed(account.owner, "Read Only")).id;
    const keys = await Promise.all(
      Array.from({ length: KEYS }, async (_, i) =>
        expectJson<{ id: string; keyId: string }>(
          await account.owner("/api/v1/api-keys", { method: "POST", json: { name: `idle ${i}`, roleId } }),
          201,
        ),
      ),
    );
    await expectJson(
      await account.owner("/api/v1/api-key-policy", { method: "PATCH", json: { disableUnusedAfterDays: 30 } }),
      200,
    );
    // The owner's key is used on day 20, so only the idle keys come due.
    await bothAt(20 * DAY);
    await expectJson(await account.owner("/api/v1/whoami"), 200);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await bothAt(23 * DAY + HOUR);
      // One Owner reads each notice (the keys were made by the owner's key, not a member).
      const notices = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM outbox_messages WHERE kind = 'key_unused'",
      );
      expect(notices.rows[0].n).toBe(KEYS);

      await bothAt(30 * DAY + 2 * HOUR);
      await bothAt(30 * DAY + 3 * HOUR);
      const audit = await client.query<{ target_id: string }>(
        "SELECT target_id FROM audit_events WHERE action = 'api_key.disable' ORDER BY target_id",
      );
      expect(audit.rows.map((row) => row.target_id)).toEqual(keys.map((key) => key.keyId).sort());
      const enabled = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM api_keys WHERE enabled AND key_id = ANY($1)",
        [keys.map((key) => key.keyId)],
      );
      expect(enabled.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
