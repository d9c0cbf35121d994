import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyWithRole, expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { api } from "../helpers/portal";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { startServer, type RunningServer } from "../helpers/server";
import { burstInOneSecond, inParallel, usageReaching } from "../helpers/usage";

// Two instances on one PostgreSQL database, with Redis and without (the rate_limits
// table): usage counted on both adds up exactly, and a key's rate limit is one counter for both.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.each([
  { store: "redis", ports: [3341, 3342] },
  { store: "postgres", ports: [3343, 3344] },
])("usage and per-key limits across two instances ($store store)", ({ store, ports }) => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let account: TestAccount;
  let ownerRoleId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env: Record<string, string> = { ...database.serverEnv };
    if (store === "redis")
      Object.assign(env, { REDIS_URL, REDIS_KEY_PREFIX: `wisp-usage-test-${randomBytes(6).toString("hex")}:` });
    [a, b] = await Promise.all([startServer(ports[0], env), startServer(ports[1], env)]);
    account = await newAccount(a.url, "Usage cluster");
    ownerRoleId = (await roleNamed(account.owner, "Owner")).id;
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
  }, 60_000);

  const keyOnBoth = async (name: string) => {
    const key = await createKeyWithRole(a.url, account.owner, ownerRoleId, name);
    return { ...key, onA: api(a.url, key.secret), onB: api(b.url, key.secret) };
  };

  it("shows 1,000 requests spread over both instances as exactly 1,000 within 10 s of the last", async () => {
    const key = await keyOnBoth("spread");
    const statuses = await inParallel(1000, 10, (i) => (i % 2 ? key.onA : key.onB)("/api/v1/whoami"));
    expect(statuses.every((status) => status === 200)).toBe(true);
    const { body, afterMs } = await usageReaching(
      api(b.url, account.ownerKey.secret),
      `/api/v1/api-keys/${key.keyId}/usage?granularity=minute`,
      1000,
    );
    expect(body.totals.byOutcome["2xx"]).toBe(1000);
    expect(afterMs).toBeLessThan(10_000);
  });

  it("limits a key to 10 a second on both instances together; its neighbour is not slowed", async () => {
    const { limited, limitedStatuses, neighbourStatuses } = await burstInOneSecond(async () => {
      const limited = await keyOnBoth("limited");
      const neighbour = await keyOnBoth("neighbour");
      await expectJson(
        await account.owner(`/api/v1/api-keys/${limited.keyId}`, {
          method: "PATCH",
          json: { rateLimit: { perSecond: 10 } },
        }),
        200,
      );
      return async () => {
        const [limitedStatuses, neighbourStatuses] = await Promise.all([
          inParallel(40, 6, (i) => (i % 2 ? limited.onA : limited.onB)("/api/v1/whoami")),
          inParallel(40, 6, (i) => (i % 2 ? neighbour.onA : neighbour.onB)("/api/v1/whoami")),
        ]);
        return { limited, limitedStatuses, neighbourStatuses };
      };
    });
    expect(limitedStatuses.filter((status) => status === 200)).toHaveLength(10);
    expect(limitedStatuses.filter((status) => status === 429)).toHaveLength(30);
    expect(neighbourStatuses.every((status) => status === 200)).toBe(true);
    const { body } = await usageReaching(
      account.owner,
      `/api/v1/api-keys/${limited.keyId}/usage?granularity=minute`,
      40,
    );
    expect(body.totals.byOutcome).toMatchObject({ "2xx": 10, "429": 30 });
  });
});
