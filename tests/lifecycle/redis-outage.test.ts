import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { from, newClientAddress } from "../helpers/clock";
import { actionJson, api, signIn } from "../helpers/portal";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { startServer, testPort, type RunningServer } from "../helpers/server";

// The rate-limit counters' Redis goes away (killed, then silenced with SIGSTOP: a partition
// that answers nothing and closes nothing) under an instance on PostgreSQL: limited keys
// and sign-in go on answering at once, counted in the instance's memory, the brakes still
// hold, the log and /api/ready say so, and the counters go back to Redis once it is back.
// Figures are printed; the bounds asserted are generous (the goal is a p99 under 300 ms).
const REDIS_PORT = testPort(3381);
let redis: ChildProcess | undefined;
let database: TestDatabase;
let server: RunningServer;
let account: TestAccount;
let limited: ReturnType<typeof api>;

function startRedis(): Promise<void> {
  const child = spawn(
    "redis-server",
    ["--port", String(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  redis = child;
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
}

async function killRedis(): Promise<void> {
  const child = redis;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await startRedis();
  server = await startServer(3382, {
    DATABASE_URL: database.url,
    REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
    REDIS_KEY_PREFIX: `wisp-outage-${randomBytes(4).toString("hex")}:`,
    TRUSTED_PROXIES: "127.0.0.1,::1",
    API_KEY_FAILURES_PER_MINUTE: "5",
  });
  account = await newAccount(server.url, "Outage Org");
  const roleId = (await roleNamed(account.owner, "Read Only")).id;
  // Limited and metered (every request goes through the counters), never refused here.
  const key = await expectJson<{ secret: string }>(
    await account.owner("/api/v1/api-keys", {
      method: "POST",
      json: {
        name: "limited",
        roleId,
        rateLimit: { perSecond: 1000, perMinute: 100_000 },
        quota: { limit: 1_000_000, period: "day" },
      },
    }),
    201,
  );
  limited = api(server.url, key.secret);
}, 120_000);

afterAll(async () => {
  if (redis?.signalCode === null && redis.exitCode === null) redis.kill("SIGCONT");
  await killRedis();
  await server?.stop();
  await database?.drop();
}, 60_000);

type Figures = { p50: number; p99: number; max: number };

function figures(durations: number[]): Figures {
  const sorted = [...durations].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

// `n` limited whoami calls and `m` sign-ins (right password), one after the other, each
// given at most 10 s: their durations and that each was answered as when Redis is up.
async function measure(label: string, n = 100, m = 10) {
  const whoami: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await limited("/api/v1/whoami", { signal: AbortSignal.timeout(10_000) });
    whoami.push(performance.now() - started);
    expect(response.status).toBe(200);
  }
  const signIns: number[] = [];
  for (let i = 0; i < m; i++) {
    const started = performance.now();
    const { cookie } = await signIn(server.url, account.session.email, account.session.password, {
      ...from(newClientAddress()),
    });
    signIns.push(performance.now() - started);
    expect(cookie).toBeTruthy();
  }
  const result = { whoami: figures(whoami), signIn: figures(signIns) };
  const ms = (f: Figures) => `p50 ${f.p50.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, max ${f.max.toFixed(0)} ms`;
  console.log(`${label}: limited whoami (${n}) ${ms(result.whoami)}; sign-in (${m}) ${ms(result.signIn)}`);
  return result;
}

const store = async () =>
  (await expectJson<{ rateLimitStore?: { kind: string; state: string } }>(await fetch(`${server.url}/api/ready`), 200))
    .rateLimitStore;

// The brakes on guessing, counted in memory while Redis is away: five wrong passwords for
// one email from one address, then the right one, is refused; after five made-up keys from
// one address, the sixth is refused with 429.
async function brakesHold(): Promise<void> {
  const address = newClientAddress();
  for (let i = 0; i < 5; i++) {
    const { response } = await signIn(server.url, account.session.email, `wrong ${i}`, from(address));
    expect((await actionJson<{ error: string }>(response)).error).toBe("The email or password is wrong.");
  }
  const { cookie, response } = await signIn(server.url, account.session.email, account.session.password, from(address));
  expect(cookie).toBeNull();
  expect((await actionJson<{ error: string }>(response)).error).toMatch(/^Too many failed sign-ins/);

  const guesser = newClientAddress();
  const guess = api(server.url, "wisp_" + "G".repeat(32) + "000000");
  for (let i = 0; i < 5; i++) expect((await guess("/api/v1/whoami", { headers: from(guesser) })).status).toBe(401);
  expect((await guess("/api/v1/whoami", { headers: from(guesser) })).status).toBe(429);
}

describe("the rate-limit counters' Redis", () => {
  it("killed: limited keys and sign-in answer at once from memory, the brakes hold, and Redis is used again once back", async () => {
    await measure("Redis up");
    await killRedis();
    const down = await measure("Redis killed");
    expect(down.whoami.p99).toBeLessThan(2000);
    expect(down.signIn.p99).toBeLessThan(2000);
    await brakesHold();
    expect(server.output()).toMatch(/Redis is unreachable \(.+\): rate limits are counted in this instance's memory/);
    expect(await store()).toMatchObject({ kind: "redis", state: "down" });

    await startRedis();
    // Redis is back empty (nothing saved): counting starts afresh there.
    await expect.poll(async () => (await store())?.state, { timeout: 15_000, interval: 200 }).toBe("up");
    expect(server.output()).toMatch(/Redis is reachable again after \d+ s: rate limits are counted in Redis/);
    await measure("Redis back", 20, 3);
  }, 150_000);

  it("silenced (SIGSTOP): the same, within the command timeout, and Redis is used again once it answers", async () => {
    expect(await store()).toEqual({ kind: "redis", state: "up" });
    redis!.kill("SIGSTOP");
    try {
      const silent = await measure("Redis silent");
      expect(silent.whoami.p99).toBeLessThan(2000);
      expect(silent.signIn.p99).toBeLessThan(2000);
      await brakesHold();
      expect(await store()).toMatchObject({ kind: "redis", state: "down" });
    } finally {
      redis!.kill("SIGCONT");
    }
    await expect.poll(async () => (await store())?.state, { timeout: 15_000, interval: 200 }).toBe("up");
  }, 150_000);
});
