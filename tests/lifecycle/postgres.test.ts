import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectJson, newAccount, type TestAccount } from "../helpers/account";
import { api } from "../helpers/portal";
import { createTestDatabase, type TestDatabase } from "../helpers/postgres";
import { spawnServer, startServer, waitUntilReady, type RunningServer, type ServerProcess } from "../helpers/server";
import { startTcpProxy } from "../helpers/tcp-proxy";

// A PostgreSQL server that is down at start, slow to hand over the migration lock,
// silently partitioned, or busy: every case ends in a clear answer, never a hang or a 500.
let database: TestDatabase;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await database?.drop();
}, 60_000);

async function proxied() {
  const target = new URL(database.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  cleanups.push(() => proxy.close());
  const url = new URL(database.url);
  url.port = String(proxy.port);
  return { proxy, url: url.toString() };
}

function track(server: ServerProcess): ServerProcess {
  cleanups.push(async () => {
    server.child.kill("SIGKILL");
    await server.exited;
  });
  return server;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

describe("start-up", () => {
  it("waits for an unreachable database, answering 503 with Retry-After, and serves within 5 s of its return", async () => {
    const { proxy, url } = await proxied();
    proxy.cut();
    const server = track(spawnServer(3341, { DATABASE_URL: url }));
    // Until the database is there: liveness yes, readiness and everything else 503.
    // Polled until it has answered so four times and said that it retries.
    let waitingAnswers = 0;
    const retrying = /The database is unreachable \(.+\); retrying/;
    const until = Date.now() + 30_000;
    while (Date.now() < until && !(waitingAnswers > 3 && retrying.test(server.output()))) {
      try {
        const health = await fetch(`${server.url}/api/health`);
        expect(health.status).toBe(200);
        for (const path of ["/api/ready", "/api/v1/whoami", "/"]) {
          const response = await fetch(server.url + path, { redirect: "manual" });
          expect(response.status, path).toBe(503);
          expect(response.headers.get("retry-after"), path).toBeTruthy();
          expect((await response.json()).error.code).toBe("service_unavailable");
        }
        // A browser's page load gets a page that reloads itself; the API stays JSON.
        const html = { headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" }, redirect: "manual" as const };
        const page = await fetch(`${server.url}/api-keys`, html);
        expect(page.status).toBe(503);
        expect(page.headers.get("content-type")).toMatch(/^text\/html/);
        expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
        const body = await page.text();
        expect(body).toContain("<h1>Starting…</h1>");
        expect(body).toContain('<meta http-equiv="refresh" content="2">');
        const api = await fetch(`${server.url}/api/v1/whoami`, html);
        expect(api.headers.get("content-type")).toMatch(/^application\/json/);
        waitingAnswers++;
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code !== "ECONNREFUSED") throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(waitingAnswers).toBeGreaterThan(3);
    expect(server.output()).toMatch(retrying);

    proxy.restore();
    const { ms } = await timed(() => waitUntilReady(server, 30_000));
    console.log(`ready ${ms} ms after the database came back`);
    expect(ms).toBeLessThan(5000);
    expect(server.output()).toContain("The database is reachable again.");
  });

  it("waits for another instance's migrations longer than the statement timeout, and gives up after its own", async () => {
    const fresh = await createTestDatabase();
    cleanups.push(() => fresh.drop());
    // Another "instance" holds the migration lock (lib/db/migrate.ts) for 4 s.
    const holder = new Client({ connectionString: fresh.url });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query("SELECT pg_advisory_lock(7355608)");

    const patient = track(spawnServer(3342, { DATABASE_URL: fresh.url, DB_STATEMENT_TIMEOUT_MS: "1000" }));
    const impatient = track(spawnServer(3343, { DATABASE_URL: fresh.url, MIGRATION_LOCK_TIMEOUT_MS: "1500" }));
    const { code } = await impatient.exited;
    expect(code).toBe(1);
    expect(impatient.output()).toContain("Another instance has held the migration lock");

    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect((await fetch(`${patient.url}/api/ready`)).status).toBe(503);
    await holder.query("SELECT pg_advisory_unlock(7355608)");
    await waitUntilReady(patient, 30_000);
  });
});

describe("serving", () => {
  let direct: RunningServer;
  let account: TestAccount;

  beforeAll(async () => {
    direct = await startServer(3344, { DATABASE_URL: database.url });
    cleanups.push(() => direct.stop());
    account = await newAccount(direct.url, "Busy Org");
  }, 120_000);

  it("creates 28 batches of 1,000 vouchers at once without a single 5xx", async () => {
    const responses = await Promise.all(
      Array.from({ length: 28 }, () =>
        account.owner("/api/v1/vouchers/batch", { method: "POST", json: { count: 1000, validitySeconds: 3600 } }),
      ),
    );
    const statuses = await Promise.all(
      responses.map(async (response) => `${response.status} ${await response.text()}`),
    );
    expect(statuses.filter((status) => !status.startsWith("201")).map((status) => status.slice(0, 300))).toEqual([]);
    // Totals stop counting at 1,000; the last page's total is exact.
    const last = await expectJson<{ total: number; totalCapped: boolean; items: unknown[] }>(
      await account.owner("/api/v1/vouchers?pageSize=100&page=280"),
      200,
    );
    expect([last.total, last.totalCapped, last.items.length]).toEqual([28_000, false, 100]);
  });

  it("removes the lease rows of instances that died, and answers 503 within 5 s when partitioned", async () => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    await admin.query(
      "INSERT INTO cache_instances (id, lease_until) VALUES ('dead-instance', now() - interval '10 minutes')",
    );

    const { proxy, url } = await proxied();
    const server = track(spawnServer(3345, { DATABASE_URL: url }));
    await waitUntilReady(server);
    const { rows } = await admin.query("SELECT id FROM cache_instances WHERE id = 'dead-instance'");
    expect(rows).toEqual([]);

    const call = api(server.url, account.ownerKey.secret);
    expect((await call("/api/v1/whoami")).status).toBe(200);
    proxy.blackhole();
    // Every answer within 5 s: from memory while the lease lasts, then 503, never a hang.
    const answers: { path: string; status: number; ms: number }[] = [];
    for (let round = 0; round < 2; round++) {
      for (const path of ["/api/v1/users", "/api/v1/whoami", "/api/ready"]) {
        const { value, ms } = await timed(async () => (await call(path)).status);
        answers.push({ path, status: value, ms });
      }
    }
    console.log(
      `partitioned: ${answers.map((answer) => `${answer.path} ${answer.status} in ${answer.ms} ms`).join("; ")}`,
    );
    expect(answers.filter((answer) => answer.ms >= 5000)).toEqual([]);
    expect(answers.filter((answer) => answer.path !== "/api/v1/whoami").every((answer) => answer.status === 503)).toBe(
      true,
    );
    expect(answers.at(-2)).toMatchObject({ path: "/api/v1/whoami", status: 503 });

    proxy.restore();
    await expect.poll(async () => (await call("/api/v1/users")).status, { timeout: 20_000, interval: 250 }).toBe(200);
  });
});
