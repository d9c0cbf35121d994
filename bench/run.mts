// npm run bench: starts production builds itself, seeds through the app's own code
// paths (bulk volume straight in SQL), and measures the key check beside the cost of a
// trivial request on the embedded database, on PostgreSQL and on two instances; the keys
// list at 1,000 and 100,000 keys in one account on both; and, unless BENCH_PEERS=0, beside
// its peers (bench/peers/): better-auth's API-key plugin on the same PostgreSQL server, and
// a bare Next.js app of the same version.
// BENCH_ONLY=lists runs only the list measurements and writes no results; BENCH_ONLY=pressure
// only the pressure scenarios (bench/pressure.mts), likewise; BENCH_ONLY=usage only whoami
// with and without a per-key rate limit (and the micro-benchmark), likewise; BENCH_ONLY=overload
// only the two saturated instances with key changes (bench/overload.mts), likewise;
// BENCH_ONLY=page-weight only the API Keys page beside the Roles page (1,000 keys, embedded);
// BENCH_ONLY=memory only the memory scenario (bench/memory.mts; BENCH_MEMORY_SECONDS per
// round, default 30), and BENCH_ONLY=connections only new connections beside busy keep-alive
// ones (bench/fresh-connections.mts), likewise. Every figure with a goal is printed again at
// the end, under "Goals".
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateSecret } from "../lib/api-keys/format";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { createKeyWithRole, expectJson, newAccount, roleNamed, type TestAccount } from "../tests/helpers/account";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer, type RunningServer } from "../tests/helpers/server";
import {
  alternating,
  alternatingRounds,
  load,
  medianRound,
  ROUNDS,
  roundRatios,
  SECONDS,
  warmUp,
  type Figures,
  type Target,
} from "./load.mts";
import { interleavedLatency } from "./latency.mts";
import { preparePeer, setUpBetterAuth, startPeer, type RunningPeer } from "./peers.mts";
import { writeReport, type Report } from "./report.mts";
import { accountOf, LARGE, measureDeepPages, measureLists, SMALL } from "./lists.mts";
import { overload } from "./overload.mts";
import { pressure } from "./pressure.mts";
import { freshConnections } from "./fresh-connections.mts";
import { memory } from "./memory.mts";
import { pageWeight } from "./page-weight.mts";
import { accountAndRole, bulkKeys, bulkKeysEmbedded } from "./seed.mts";

const MALFORMED_KEY = "not-a-key";
const only = process.env.BENCH_ONLY;
const PEERS = process.env.BENCH_PEERS !== "0" && !only;
// Five rounds, so each ratio's median is one round's.
const PEER_ROUNDS = 5;

await buildIfNeeded();
if (PEERS) for (const peer of ["bare-next", "better-auth"] as const) preparePeer(peer);
const report: Report = { date: new Date().toISOString(), seconds: SECONDS, load: [], lists: [], notes: [] };
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

// The same role with a rate limit far above anything the bench can send: every request
// passes the limiter (and is counted in usage, as every request is).
async function keyWithHighLimit(server: RunningServer, account: TestAccount): Promise<string> {
  const key = await readOnlyKey(server, account);
  await expectJson(
    await account.owner(`/api/v1/api-keys/${key.keyId}`, {
      method: "PATCH",
      json: { rateLimit: { perSecond: 100_000, perMinute: 6_000_000 } },
    }),
    200,
  );
  return key.secret;
}

// Whoami with usage counting and a rate limit that never triggers, beside plain whoami and
// the baseline, in alternating rounds: the ratios of each round, as median (min–max), and
// the server's CPU per request.
async function usageScenarios(server: RunningServer, database: string, secret: string, limited: string) {
  const target = (url: string, key?: string): Target => ({
    url: `${server.url}${url}`,
    headers: key ? bearer(key) : undefined,
    pid: server.pid,
  });
  const scenarios: [string, Target][] = [
    ["1. /api/health (no auth)", target("/api/health")],
    ["2. whoami, valid key", target("/api/v1/whoami", secret)],
    ["2c. whoami, usage counted, rate limit never reached", target("/api/v1/whoami", limited)],
  ];
  await warmUp(scenarios.map(([, t]) => t));
  const [health, whoami, whoamiLimited] = await alternatingRounds(database, scenarios, ROUNDS);
  report.load.push(...[health, whoami, whoamiLimited].map((rounds, i) => medianRound(scenarios[i][0], rounds)));
  const rps = (figures: Figures[]) => figures.map((f) => f.rps);
  const cpu = (figures: Figures[]) => figures.map((f) => f.cpuUs ?? NaN);
  note(`${database}: whoami ÷ health`, roundRatios(rps(whoami), rps(health)).text);
  note(`${database}: whoami with a rate limit ÷ health`, roundRatios(rps(whoamiLimited), rps(health)).text);
  note(`${database}: whoami with a rate limit ÷ plain whoami`, roundRatios(rps(whoamiLimited), rps(whoami)).text);
  note(`${database}: server CPU/request, rate limit ÷ plain`, roundRatios(cpu(whoamiLimited), cpu(whoami)).text);
  // The same three, one request at a time in random order (bench/latency.mts): what each
  // costs over health, in microseconds, steadier than the rounds' requests per second.
  const [healthLatency, plainLatency, limitedLatency] = await interleavedLatency(
    scenarios.map(([name, target]) => ({ ...target, name })),
  );
  note(
    `${database}: p50 latency, one request at a time: health / whoami / with a rate limit`,
    `${healthLatency.p50Us} / ${plainLatency.p50Us} / ${limitedLatency.p50Us} µs`,
  );
  note(
    `${database}: rate limit's extra latency ÷ health's p50`,
    ((limitedLatency.p50Us - plainLatency.p50Us) / healthLatency.p50Us).toFixed(3),
  );
}

// A well-formed key (correct checksum) that no account has: costs one lookup.
const unknownKey = () => generateSecret();
// The unknown-key scenario measures the lookup, not the failed-check brake's 429.
const NO_KEY_BRAKE = { API_KEY_FAILURES_PER_MINUTE: "1000000000" };

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

async function embedded() {
  const server = await startServer(3501, NO_KEY_BRAKE);
  try {
    const account = await newAccount(server.url, "Bench Embedded");
    const key = await readOnlyKey(server, account);
    const limited = await keyWithHighLimit(server, account);
    if (only === "usage") return await usageScenarios(server, "embedded (PGlite)", key.secret, limited);
    const { id: roleId } = await roleNamed(account.owner, "Read Only");
    for (let i = 0; i < 1000; i++) await createKeyWithRole(server.url, account.owner, roleId, `seed ${i}`);
    await pageWeight(server, account, note);
    report.load.push(...(await scenarios(server, "embedded (PGlite)", key.secret, await guardedKey(account))));
    await usageScenarios(server, "embedded (PGlite)", key.secret, limited);
  } finally {
    await server.stop();
  }
}

// Rate-limit counters on PostgreSQL's rate_limits table, or (redisUrl) in Redis.
async function postgresUsage(redisUrl?: string) {
  const database = await createTestDatabase();
  const redis = redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `wisp-bench-${Date.now()}:` } : {};
  const server = await startServer(redisUrl ? 3509 : 3502, { ...NO_KEY_BRAKE, ...redis, DATABASE_URL: database.url });
  try {
    const account = await newAccount(server.url, "Bench Postgres usage");
    const key = await readOnlyKey(server, account);
    const limited = await keyWithHighLimit(server, account);
    await usageScenarios(server, redisUrl ? "PostgreSQL + Redis" : "PostgreSQL", key.secret, limited);
  } finally {
    await server.stop();
    await database.drop();
  }
}

async function postgres() {
  const database = await createTestDatabase();
  const servers: RunningServer[] = [];
  try {
    const a = await startServer(3502, { ...NO_KEY_BRAKE, DATABASE_URL: database.url });
    servers.push(a);
    const account = await newAccount(a.url, "Bench Postgres");
    const key = await readOnlyKey(a, account);
    const { accountId, roleId } = await accountAndRole(database.url, key.keyId);
    await bulkKeys(database.url, accountId, roleId, 1000);
    report.load.push(...(await scenarios(a, "PostgreSQL", key.secret, await guardedKey(account))));
    if (PEERS) await peers(a, key.secret);

    const b = await startServer(3503, { ...NO_KEY_BRAKE, DATABASE_URL: database.url });
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
    await measureDeepPages("embedded (PGlite)", server, large, note);
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
    await measureDeepPages("PostgreSQL", server, large, note);
  } finally {
    await server.stop();
    await database.drop();
  }
}

// The portal beside its peers, in alternating rounds: whoami against better-auth's API-key
// plugin on the same PostgreSQL server (its own database), and the server CPU of a trivial
// request against a bare Next.js app of the same version.
async function peers(portal: RunningServer, secret: string) {
  const database = await createTestDatabase();
  const running: RunningPeer[] = [];
  try {
    const peerKey = setUpBetterAuth(database.url);
    const betterAuth = await startPeer("better-auth", 3507, { DATABASE_URL: database.url });
    running.push(betterAuth);
    const bare = await startPeer("bare-next", 3508);
    running.push(bare);
    const whoami: [string, Target][] = [
      [
        "2. whoami, valid key (portal)",
        { url: `${portal.url}/api/v1/whoami`, headers: bearer(secret), pid: portal.pid },
      ],
      [
        "5. whoami, valid key (better-auth API-key plugin)",
        { url: `${betterAuth.url}/api/whoami`, headers: bearer(peerKey), pid: betterAuth.pid },
      ],
    ];
    const health: [string, Target][] = [
      ["1. /api/health (portal)", { url: `${portal.url}/api/health`, pid: portal.pid }],
      ["6. /api/health (bare Next.js app)", { url: `${bare.url}/api/health`, pid: bare.pid }],
    ];
    await warmUp([whoami[1][1], health[1][1]]);
    const [portalWhoami, peerWhoami] = await alternatingRounds("PostgreSQL, peers", whoami, PEER_ROUNDS);
    const [portalHealth, bareHealth] = await alternatingRounds("PostgreSQL, peers", health, PEER_ROUNDS);
    const rounds = [portalWhoami, peerWhoami, portalHealth, bareHealth];
    report.load.push(...rounds.map((figures, i) => medianRound([...whoami, ...health][i][0], figures)));
    const rps = (figures: Figures[]) => figures.map((f) => f.rps);
    const cpu = (figures: Figures[]) => figures.map((f) => f.cpuUs ?? NaN);
    note(
      "whoami req/s, portal ÷ better-auth API-key plugin (PostgreSQL)",
      roundRatios(rps(portalWhoami), rps(peerWhoami)).text,
    );
    note("whoami server CPU/request, portal ÷ better-auth", roundRatios(cpu(portalWhoami), cpu(peerWhoami)).text);
    note("/api/health server CPU/request, portal ÷ bare Next.js", roundRatios(cpu(portalHealth), cpu(bareHealth)).text);
    note("/api/health req/s, portal ÷ bare Next.js", roundRatios(rps(portalHealth), rps(bareHealth)).text);
  } finally {
    for (const peer of running) await peer.stop();
    await database.drop();
  }
}

function bearer(key: string) {
  return { Authorization: `Bearer ${key}` };
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

// New connections beside 50 busy keep-alive ones (issue 28), on each database.
async function connections() {
  const database = await createTestDatabase();
  try {
    for (const [name, env] of [
      ["embedded (PGlite)", NO_KEY_BRAKE],
      ["PostgreSQL", { ...NO_KEY_BRAKE, DATABASE_URL: database.url }],
    ] as const) {
      const server = await startServer(3512, env);
      try {
        const account = await newAccount(server.url, "Bench Connections");
        const key = await readOnlyKey(server, account);
        const seconds = Math.max(SECONDS, 10);
        const { idle, busy, busyRps, busyP50, busyP99 } = await freshConnections(
          server,
          key.secret,
          account.session.cookie,
          seconds,
        );
        const text = (f: typeof idle) =>
          `p50 ${f.p50} ms, p95 ${f.p95} ms, max ${f.max} ms, ${f.unanswered} of ${f.sent} unanswered after 8 s`;
        note(`${name}: a new connection's whoami, time to its answer, server idle`, text(idle));
        note(
          `${name}: the same beside 50 busy keep-alive connections (${busyRps} req/s; theirs p50 ${busyP50} ms, p99 ${busyP99} ms)`,
          text(busy),
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await database.drop();
  }
}

function goals() {
  console.log("\nGoals (issue 29; median and spread of interleaved rounds where there are rounds):");
  for (const { name, value } of report.notes) if (/goal/i.test(String(name))) console.log(`  ${name}: ${value}`);
}

if (only === "page-weight") {
  const server = await startServer(3501, NO_KEY_BRAKE);
  try {
    const account = await newAccount(server.url, "Bench Page Weight");
    const { id: roleId } = await roleNamed(account.owner, "Read Only");
    for (let i = 0; i < 1000; i++) await createKeyWithRole(server.url, account.owner, roleId, `seed ${i}`);
    await pageWeight(server, account, note);
  } finally {
    await server.stop();
  }
  goals();
  process.exit(0);
}
if (only === "memory" || only === "connections") {
  if (only === "memory") await memory([3510, 3511], NO_KEY_BRAKE, note);
  else await connections();
  goals();
  process.exit(0);
}
if (only === "usage") {
  microBenchmark();
  await embedded();
  await postgresUsage();
  await postgresUsage(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  process.exit(0);
}
if (!only) {
  // First: it takes seconds, and fails fast if the app's modules can't load outside Next.
  microBenchmark();
  await embedded();
  await postgres();
  await postgresUsage(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
}
if (!only || only === "pressure") report.load.push(...(await pressure([3507, 3508], note)));
if (!only || only === "overload") report.load.push(...(await overload([3510, 3511], note)));
if (!only) {
  await memory([3510, 3511], NO_KEY_BRAKE, note);
  await connections();
}
if (only !== "pressure" && only !== "overload") {
  await listsEmbedded();
  await listsPostgres();
}
goals();
if (!only) {
  writeReport(report);
  console.log("\nWritten to bench/results/ (results.json, results.md, requests-per-second.svg, lists-p50.svg)");
}
process.exit(0);
