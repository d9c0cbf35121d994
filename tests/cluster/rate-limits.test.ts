import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newAccount, type TestAccount } from "../helpers/account";
import { from, newClientAddress } from "../helpers/clock";
import { actionJson, api, signIn } from "../helpers/portal";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { startServer, type RunningServer } from "../helpers/server";
import { twoFactorClient } from "../helpers/two-factor";

// Two instances on one PostgreSQL database share their failure counters: in PostgreSQL's
// rate_limits table without REDIS_URL, in Redis with it. Tests speak from addresses of
// their own through X-Forwarded-For (the loopback is a trusted proxy here).
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.each([
  { store: "postgres", ports: [3331, 3332] },
  { store: "redis", ports: [3333, 3334] },
])("brakes across two instances ($store store)", ({ store, ports }) => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let account: TestAccount;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The test clock (never moved here) lets the two-factor test read the servers' time.
    const env: Record<string, string> = {
      ...database.serverEnv,
      TRUSTED_PROXIES: "127.0.0.1,::1",
      WISP_TEST_CLOCK: "1",
    };
    // A prefix of this run's own: counters expire by themselves, and never meet another run's.
    if (store === "redis")
      Object.assign(env, { REDIS_URL, REDIS_KEY_PREFIX: `wisp-test-${randomBytes(6).toString("hex")}:` });
    [a, b] = await Promise.all([startServer(ports[0], env), startServer(ports[1], env)]);
    account = await newAccount(a.url, `Brakes ${store}`);
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
  }, 60_000);

  it("counts failed key checks from one address on both instances together: 429 on both after 30", async () => {
    const guesser = newClientAddress();
    const guess = "wisp_" + "B".repeat(32) + "000000";
    const call = (server: RunningServer, secret: string, address: string) =>
      api(server.url, secret)("/api/v1/whoami", { headers: from(address) });
    for (let i = 0; i < 15; i++) {
      expect((await call(a, guess, guesser)).status).toBe(401);
      expect((await call(b, guess, guesser)).status).toBe(401);
    }
    const onA = await call(a, guess, guesser);
    expect(onA.status).toBe(429);
    expect(Number(onA.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(b, guess, guesser)).status).toBe(429);
    // A valid key is never refused by the brake, from there or from elsewhere, on either.
    expect((await call(a, account.ownerKey.secret, guesser)).status).toBe(200);
    const bystander = newClientAddress();
    expect((await call(a, account.ownerKey.secret, bystander)).status).toBe(200);
    expect((await call(b, account.ownerKey.secret, bystander)).status).toBe(200);
  });

  it("counts wrong passwords on both instances together: the 6th attempt is refused on either", async () => {
    const address = newClientAddress();
    const wrong = async (server: RunningServer, i: number) => {
      const { cookie, response } = await signIn(
        server.url,
        account.session.email,
        `wrong ${i} password`,
        from(address),
      );
      expect(cookie).toBeNull();
      return actionJson<{ ok: boolean; error: string }>(response);
    };
    for (let i = 0; i < 5; i++) expect((await wrong(i % 2 ? b : a, i)).error).toBe("The email or password is wrong.");
    for (const server of [a, b]) {
      const { cookie, response } = await signIn(
        server.url,
        account.session.email,
        account.session.password,
        from(address),
      );
      expect(cookie).toBeNull();
      expect((await actionJson<{ error: string }>(response)).error).toMatch(/^Too many failed sign-ins/);
    }
    expect(
      (await signIn(b.url, account.session.email, account.session.password, from(newClientAddress()))).cookie,
    ).toBeTruthy();
  });

  it("counts wrong second-factor codes on both instances together: after 5, even the right code waits on either", async () => {
    const onA = twoFactorClient(a.url);
    const onB = twoFactorClient(b.url);
    const owner = await newAccount(a.url, `Two factor ${store}`);
    // Set up through A; B reads the sealed secret and accepts A's pending sign-in.
    const { secret } = await onA.setUpTotp(owner.session.cookie);
    const step = await onA.passwordStep(owner.session);
    const right = await onB.codeAt(secret, 1);
    const wrongCode = right === "000001" ? "000002" : "000001";
    for (let i = 0; i < 5; i++) {
      const { cookie } = await (i % 2 ? onB : onA).secondStep(step.pending!, wrongCode);
      expect(cookie).toBeNull();
    }
    for (const client of [onA, onB]) {
      const braked = await client.secondStep(step.pending!, right);
      expect(braked.cookie).toBeNull();
      expect(braked.result?.error).toMatch(/^Too many wrong codes/);
    }
  });
});
