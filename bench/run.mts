// npm run bench: starts production builds itself, seeds through the app's own code
// paths (bulk volume straight in SQL), and measures the key check beside the cost of a
// trivial request on the embedded database, on PostgreSQL and on two instances, and the
// keys list at 1,000 and 100,000 keys in one account on both.
// BENCH_ONLY=lists runs only the list measurements, BENCH_ONLY=usage only the whoami
// scenarios with and without a per-key rate limit; neither writes results.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateSecret } from "../lib/api-keys/format";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { createKeyWithRole, newAccount, roleNamed, type TestAccount } from "../tests/helpers/account";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { alternating, load, SECONDS, warmUp, type Figures } from "./load.mts";
import { writeReport, type Report } from "./report.mts";
import { accountOf, LARGE, measureLists, SMALL } from "./lists.mts";
import { accountAndRole, bulkKeys, bulkKeysEmbedded } from "./seed.mts";

const MALFORMED_KEY = "not-a-key";
// "lists": only the list measurements; "usage": only the usage scenarios. Neither writes results.
const only = process.env.BENCH_ONLY;

await buildIfNeeded();
const report: Report = { date: new Date().toISOString(), seconds: SECONDS, load: [], lists: [], notes: [] };
const note = (name: string, value: string | number) => {
  report.notes.push({ name, value });
  console.log(`${name}: ${value}`);
};

async function readOnlyKey(server: RunningServer, account: TestAccount) {
  return createKeyWithRole(server.url, account.owner, (await roleNamed(account.owner, "Read Only")).id, "bench key");
}

// The same role with a rate limit far above anything the bench can send: every request
// passes the limiter (and is counted in usage, as every request is).
async function keyWithHighLimit(server: RunningServer, account: TestAccount) {
  const key = await readOnlyKey(server, account);
  const response = await account.owner(`/api/v1/api-keys/${key.keyId}`, {
    method: "PATCH",
    json: { rateLimit: { perSecond: 100_000, perMinute: 6_000_000 } },
  });
  if (response.status !== 200) throw new Error(`cannot set the rate limit: ${response.status}`);
  return key;
}

// A well-formed key (correct checksum) that no account has: costs one lookup.
const unknownKey = () => generateSecret();
// The unknown-key scenario measures the lookup, not the failed-check brake's 429.
const NO_KEY_BRAKE = { API_KEY_FAILURES_PER_MINUTE: "1000000000" };

async function scenarios(
  server: RunningServer,
  database: string,
  secret: string,
  limitedSecret: string,
): Promise<Figures[]> {
  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
  await warmUp([
    { url: `${server.url}/api/health` },
    { url: `${server.url}/api/v1/whoami`, headers: auth(secret) },
    { url: `${server.url}/api/v1/whoami`, headers: auth(limitedSecret) },
    { url: `${server.url}/api/v1/api-keys?pageSize=50`, headers: auth(secret) },
  ]);
  const [health, whoami, limited] = await alternating(database, [
    ["1. /api/health (no auth)", { url: `${server.url}/api/health` }],
    ["2. whoami, valid key", { url: `${server.url}/api/v1/whoami`, headers: auth(secret) }],
    [
      "2c. whoami, usage counted, rate limit never reached",
      { url: `${server.url}/api/v1/whoami`, headers: auth(limitedSecret) },
    ],
  ]);
  note(`${database}: ratio whoami ÷ health`, (whoami.rps / health.rps).toFixed(3));
  note(`${database}: ratio whoami with a rate limit ÷ health`, (limited.rps / health.rps).toFixed(3));
  note(`${database}: whoami with a rate limit ÷ plain whoami`, (limited.rps / whoami.rps).toFixed(3));
  if (only === "usage") return [health, whoami, limited];
  const unknown = await load("3a. whoami, unknown well-formed key", database, [
    { url: `${server.url}/api/v1/whoami`, headers: auth(unknownKey()) },
  ]);
  const malformed = await load("3b. whoami, malformed key", database, [
    { url: `${server.url}/api/v1/whoami`, headers: auth(MALFORMED_KEY) },
  ]);
  const list = await load("4. api-keys?pageSize=50", database, [
    { url: `${server.url}/api/v1/api-keys?pageSize=50`, headers: auth(secret) },
  ]);
  return [health, whoami, limited, unknown, malformed, list];
}

async function embedded() {
  const server = await startServer(3501, NO_KEY_BRAKE);
  try {
    const account = await newAccount(server.url, "Bench Embedded");
    const key = await readOnlyKey(server, account);
    const limited = await keyWithHighLimit(server, account);
    const { id: roleId } = await roleNamed(account.owner, "Read Only");
    const seeded = only === "usage" ? 0 : 1000;
    for (let i = 0; i < seeded; i++) await createKeyWithRole(server.url, account.owner, roleId, `seed ${i}`);
    report.load.push(...(await scenarios(server, "embedded (PGlite)", key.secret, limited.secret)));
  } finally {
    await server.stop();
  }
}

async function postgres(redisUrl?: string) {
  const database = await createTestDatabase();
  const servers: RunningServer[] = [];
  const label = redisUrl ? "PostgreSQL + Redis" : "PostgreSQL";
  const redis = redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `wisp-bench-${Date.now()}:` } : {};
  try {
    const a = await startServer(redisUrl ? 3505 : 3502, { ...NO_KEY_BRAKE, ...redis, DATABASE_URL: database.url });
    servers.push(a);
    const account = await newAccount(a.url, "Bench Postgres");
    const key = await readOnlyKey(a, account);
    const limited = await keyWithHighLimit(a, account);
    const { accountId, roleId } = await accountAndRole(database.url, key.keyId);
    await bulkKeys(database.url, accountId, roleId, 1000);
    report.load.push(...(await scenarios(a, label, key.secret, limited.secret)));
    if (only === "usage") return;

    const b = await startServer(3503, { ...NO_KEY_BRAKE, DATABASE_URL: database.url });
    servers.push(b);
    const both = [a, b];
    await warmUp([
      { url: `${b.url}/api/health` },
      { url: `${b.url}/api/v1/whoami`, headers: { Authorization: `Bearer ${key.secret}` } },
    ]);
    const healthBoth = await load(
      "1. /api/health (no auth)",
      "PostgreSQL, 2 instances",
      both.map((s) => ({ url: `${s.url}/api/health` })),
    );
    const whoamiBoth = await load(
      "2. whoami, valid key",
      "PostgreSQL, 2 instances",
      both.map((s) => ({ url: `${s.url}/api/v1/whoami`, headers: { Authorization: `Bearer ${key.secret}` } })),
    );
    report.load.push(healthBoth, whoamiBoth);
    note("PostgreSQL, 2 instances: ratio whoami ÷ health", (whoamiBoth.rps / healthBoth.rps).toFixed(3));

    // The same check without the cache, and both with 1,000,000 keys in the table.
    const uncached = await startServer(3504, { ...NO_KEY_BRAKE, DATABASE_URL: database.url, KEY_CACHE: "off" });
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
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
  }
}

// Two accounts on one server, one with 1,000 keys and one with 100,000. The embedded
// database is filled while the server is stopped (only one process may open it); the server
// gathers its statistics as it starts again.
async function listsEmbedded() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "wisp-bench-lists-"));
  let server = await startServer(3505, { DATA_DIR: dataDir });
  try {
    const small = await newAccount(server.url, "Lists 1k");
    const large = await newAccount(server.url, "Lists 100k");
    const [s, l] = [await accountOf(server, small), await accountOf(server, large)];
    await server.stop();
    const started = Date.now();
    await bulkKeysEmbedded(dataDir, s.accountId, s.roleId, SMALL - 1);
    await bulkKeysEmbedded(dataDir, l.accountId, l.roleId, LARGE - 1);
    note("embedded: seeding 101,000 keys (SQL)", `${((Date.now() - started) / 1000).toFixed(1)} s`);
    server = await startServer(3505, { DATA_DIR: dataDir });
    report.lists.push(...(await measureLists("embedded (PGlite)", server, small, large)));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function listsPostgres() {
  const database = await createTestDatabase();
  const server = await startServer(3506, { DATABASE_URL: database.url });
  try {
    const small = await newAccount(server.url, "Lists 1k");
    const large = await newAccount(server.url, "Lists 100k");
    const [s, l] = [await accountOf(server, small), await accountOf(server, large)];
    await bulkKeys(database.url, s.accountId, s.roleId, SMALL - 1);
    await bulkKeys(database.url, l.accountId, l.roleId, LARGE - 1);
    report.lists.push(...(await measureLists("PostgreSQL", server, small, large)));
  } finally {
    await server.stop();
    await database.drop();
  }
}

function microBenchmark() {
  // react-server: the condition Next's server bundles use, under which "server-only" (imported by the
  // sign-up path) is an empty module instead of an error.
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "verify-micro.mts")],
    {
      encoding: "utf8",
      env: { ...process.env },
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  for (const line of result.stdout.trim().split("\n")) {
    const [name, value] = line.split("\t");
    note(name, value);
  }
}

if (only === "usage") {
  // The usage scenarios alone (BENCH_ONLY=usage): the micro-benchmark, then health, whoami,
  // and whoami with a rate limit, in alternating rounds on each database; with Redis as well
  // as the rate_limits table.
  microBenchmark();
  await embedded();
  await postgres();
  await postgres(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  process.exit(0);
}
if (!only) {
  // First: it takes seconds, and fails fast if the app's modules can't load outside Next.
  microBenchmark();
  await embedded();
  await postgres();
}
await listsEmbedded();
await listsPostgres();
if (!only) {
  writeReport(report);
  console.log("\nWritten to bench/results/ (results.json, results.md, requests-per-second.svg, lists-p50.svg)");
}
process.exit(0);
