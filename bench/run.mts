// npm run bench: starts production builds itself, seeds through the app's own code
// paths (bulk volume straight in SQL), and measures the key check beside the cost of a
// trivial request on the embedded database, on PostgreSQL and on two instances.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { generateSecret } from "../lib/api-keys/format";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { createKeyWithRole, expectJson, newAccount, roleNamed, type TestAccount } from "../tests/helpers/account";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { alternating, load, SECONDS, warmUp, type Figures } from "./load.mts";
import { writeReport, type Report } from "./report.mts";
import { accountAndRole, bulkKeys } from "./seed.mts";

const MALFORMED_KEY = "not-a-key";

buildIfNeeded();
const report: Report = { date: new Date().toISOString(), seconds: SECONDS, load: [], notes: [] };
const note = (name: string, value: string | number) => {
  report.notes.push({ name, value });
  console.log(`${name}: ${value}`);
};

async function readOnlyKey(server: RunningServer, account: TestAccount) {
  return createKeyWithRole(server.url, account.owner, (await roleNamed(account.owner, "Read Only")).id, "bench key");
}

// A key that exercises every lifecycle check on the cached path: it expires (in 30 days),
// has an IP allowlist (loopback among other ranges), and is rolled with a 24-hour grace
// period; the old secret, in its grace period, is the one measured.
async function guardedKey(account: TestAccount): Promise<string> {
  const roleId = (await roleNamed(account.owner, "Read Only")).id;
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const ipAllowlist = ["10.0.0.0/8", "192.0.2.0/24", "127.0.0.0/8"];
  const key = await expectJson<{ keyId: string; secret: string }>(
    await account.owner("/api/v1/api-keys", {
      method: "POST",
      json: { name: "bench guarded key", roleId, expiresAt, ipAllowlist },
    }),
    201,
  );
  await expectJson(
    await account.owner(`/api/v1/api-keys/${key.keyId}/roll`, { method: "POST", json: { gracePeriod: "24h" } }),
    200,
  );
  return key.secret;
}

// A well-formed key (correct checksum) that no account has: costs one lookup.
const unknownKey = () => generateSecret();

async function scenarios(server: RunningServer, database: string, secret: string, guarded: string): Promise<Figures[]> {
  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
  await warmUp([
    { url: `${server.url}/api/health` },
    { url: `${server.url}/api/v1/whoami`, headers: auth(secret) },
    { url: `${server.url}/api/v1/whoami`, headers: auth(guarded) },
    { url: `${server.url}/api/v1/api-keys?pageSize=50`, headers: auth(secret) },
  ]);
  const [health, whoami, whoamiGuarded] = await alternating(database, [
    ["1. /api/health (no auth)", { url: `${server.url}/api/health` }],
    ["2. whoami, valid key", { url: `${server.url}/api/v1/whoami`, headers: auth(secret) }],
    [
      "2b. whoami, expiring, allowlisted, rolled (old secret in grace)",
      { url: `${server.url}/api/v1/whoami`, headers: auth(guarded) },
    ],
  ]);
  const unknown = await load("3a. whoami, unknown well-formed key", database, [
    { url: `${server.url}/api/v1/whoami`, headers: auth(unknownKey()) },
  ]);
  const malformed = await load("3b. whoami, malformed key", database, [
    { url: `${server.url}/api/v1/whoami`, headers: auth(MALFORMED_KEY) },
  ]);
  const list = await load("4. api-keys?pageSize=50", database, [
    { url: `${server.url}/api/v1/api-keys?pageSize=50`, headers: auth(secret) },
  ]);
  note(`${database}: ratio whoami ÷ health`, (whoami.rps / health.rps).toFixed(3));
  note(`${database}: ratio whoami (2b, every lifecycle check) ÷ health`, (whoamiGuarded.rps / health.rps).toFixed(3));
  return [health, whoami, whoamiGuarded, unknown, malformed, list];
}

async function pageTimings(server: RunningServer, cookie: string, query: string, runs = 25): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const started = performance.now();
    const response = await fetch(`${server.url}/api-keys${query}`, { headers: { Cookie: cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`/api-keys${query} answered ${response.status}`);
    if (i >= 3) times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return `p50 ${times[Math.floor(runs / 2)].toFixed(0)} ms, p95 ${times[Math.floor(runs * 0.95)].toFixed(0)} ms`;
}

async function embedded() {
  const server = await startServer(3501);
  try {
    const account = await newAccount(server.url, "Bench Embedded");
    const key = await readOnlyKey(server, account);
    const { id: roleId } = await roleNamed(account.owner, "Read Only");
    for (let i = 0; i < 1000; i++) await createKeyWithRole(server.url, account.owner, roleId, `seed ${i}`);
    report.load.push(...(await scenarios(server, "embedded (PGlite)", key.secret, await guardedKey(account))));
  } finally {
    await server.stop();
  }
}

async function postgres() {
  const database = await createTestDatabase();
  const servers: RunningServer[] = [];
  try {
    const a = await startServer(3502, { DATABASE_URL: database.url });
    servers.push(a);
    const account = await newAccount(a.url, "Bench Postgres");
    const key = await readOnlyKey(a, account);
    const { accountId, roleId } = await accountAndRole(database.url, key.keyId);
    await bulkKeys(database.url, accountId, roleId, 1000);
    report.load.push(...(await scenarios(a, "PostgreSQL", key.secret, await guardedKey(account))));

    const b = await startServer(3503, { DATABASE_URL: database.url });
    servers.push(b);
    const both = [a, b];
    await warmUp([
      { url: `${b.url}/api/health` },
      { url: `${b.url}/api/v1/whoami`, headers: { Authorization: `Bearer ${key.secret}` } },
    ]);
    const [healthBoth, whoamiBoth] = await alternating("PostgreSQL, 2 instances", [
      ["1. /api/health (no auth)", both.map((s) => ({ url: `${s.url}/api/health` }))],
      [
        "2. whoami, valid key",
        both.map((s) => ({ url: `${s.url}/api/v1/whoami`, headers: { Authorization: `Bearer ${key.secret}` } })),
      ],
    ]);
    report.load.push(healthBoth, whoamiBoth);
    note("PostgreSQL, 2 instances: ratio whoami ÷ health", (whoamiBoth.rps / healthBoth.rps).toFixed(3));

    // The same check without the cache, and both with 1,000,000 keys in the table.
    const uncached = await startServer(3504, { DATABASE_URL: database.url, KEY_CACHE: "off" });
    servers.push(uncached);
    const auth = { Authorization: `Bearer ${key.secret}` };
    await warmUp([{ url: `${uncached.url}/api/v1/whoami`, headers: auth }]);
    const small = await alternating("PostgreSQL", [
      ["2. whoami, valid key (~1k keys)", { url: `${a.url}/api/v1/whoami`, headers: auth }],
      ["2. whoami, valid key, no cache (~1k keys)", { url: `${uncached.url}/api/v1/whoami`, headers: auth }],
    ]);
    const bulkAccount = await newAccount(a.url, "Bench Bulk");
    const bulk = await accountAndRole(database.url, bulkAccount.ownerKey.keyId);
    const started = Date.now();
    await bulkKeys(database.url, bulk.accountId, bulk.roleId, 1_000_000 - 1_010);
    note("seeding 1,000,000 keys (SQL)", `${((Date.now() - started) / 1000).toFixed(1)} s`);
    const large = await alternating("PostgreSQL", [
      ["2. whoami, valid key (1M keys)", { url: `${a.url}/api/v1/whoami`, headers: auth }],
      ["2. whoami, valid key, no cache (1M keys)", { url: `${uncached.url}/api/v1/whoami`, headers: auth }],
    ]);
    report.load.push(...small, ...large);
    note("p99 whoami 1M ÷ 1k keys (cached)", (large[0].p99 / Math.max(small[0].p99, 1)).toFixed(2));
    note("p99 whoami 1M ÷ 1k keys (no cache)", (large[1].p99 / Math.max(small[1].p99, 1)).toFixed(2));

    // The API Keys page with 100,000 keys in one account.
    await bulkKeys(database.url, accountId, roleId, 100_000 - 1_001);
    note("API Keys page, 100k keys, first page", await pageTimings(a, account.session.cookie, ""));
    note(
      "API Keys page, 100k keys, sorted by name",
      await pageTimings(a, account.session.cookie, "?sort=name&dir=asc"),
    );
    note("API Keys page, 100k keys, filtered", await pageTimings(a, account.session.cookie, "?q=bulk%20key%204242"));
    note("API Keys page, 100k keys, page 2,000", await pageTimings(a, account.session.cookie, "?page=2000"));
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
  }
}

function microBenchmark() {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "verify-micro.mts")], {
    encoding: "utf8",
    env: { ...process.env },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  for (const line of result.stdout.trim().split("\n")) {
    const [name, value] = line.split("\t");
    note(name, value);
  }
}

await embedded();
await postgres();
microBenchmark();
writeReport(report);
console.log("\nWritten to bench/results/ (results.json, results.md, requests-per-second.svg)");
process.exit(0);
