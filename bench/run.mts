// npm run bench: starts production builds itself, seeds through the app's own code
// paths (bulk volume straight in SQL), and measures the key check beside the cost of a
// trivial request on the embedded database, on PostgreSQL and on two instances; and, unless
// BENCH_PEERS=0, beside its peers (bench/peers/): better-auth's API-key plugin on the same
// PostgreSQL server, and a bare Next.js app of the same version.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { generateSecret } from "../lib/api-keys/format";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { createKeyWithRole, newAccount, roleNamed, type TestAccount } from "../tests/helpers/account";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer, type RunningServer } from "../tests/helpers/server";
import {
  alternating,
  alternatingRounds,
  load,
  medianRound,
  roundRatios,
  SECONDS,
  warmUp,
  type Figures,
  type Target,
} from "./load.mts";
import { preparePeer, setUpBetterAuth, startPeer, type RunningPeer } from "./peers.mts";
import { writeReport, type Report } from "./report.mts";
import { accountAndRole, bulkKeys } from "./seed.mts";

const MALFORMED_KEY = "not-a-key";
const PEERS = process.env.BENCH_PEERS !== "0";
// Five rounds, so each ratio's median is one round's.
const PEER_ROUNDS = 5;

await buildIfNeeded();
if (PEERS) for (const peer of ["bare-next", "better-auth"] as const) preparePeer(peer);
const report: Report = { date: new Date().toISOString(), seconds: SECONDS, load: [], notes: [] };
const note = (name: string, value: string | number) => {
  report.notes.push({ name, value });
  console.log(`${name}: ${value}`);
};

async function readOnlyKey(server: RunningServer, account: TestAccount) {
  return createKeyWithRole(server.url, account.owner, (await roleNamed(account.owner, "Read Only")).id, "bench key");
}

// A well-formed key (correct checksum) that no account has: costs one lookup.
const unknownKey = () => generateSecret();
// The unknown-key scenario measures the lookup, not the failed-check brake's 429.
const NO_KEY_BRAKE = { API_KEY_FAILURES_PER_MINUTE: "1000000000" };

async function scenarios(server: RunningServer, database: string, secret: string): Promise<Figures[]> {
  const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
  await warmUp([
    { url: `${server.url}/api/health` },
    { url: `${server.url}/api/v1/whoami`, headers: auth(secret) },
    { url: `${server.url}/api/v1/api-keys?pageSize=50`, headers: auth(secret) },
  ]);
  const [health, whoami] = await alternating(database, [
    ["1. /api/health (no auth)", { url: `${server.url}/api/health` }],
    ["2. whoami, valid key", { url: `${server.url}/api/v1/whoami`, headers: auth(secret) }],
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
  return [health, whoami, unknown, malformed, list];
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
  const server = await startServer(3501, NO_KEY_BRAKE);
  try {
    const account = await newAccount(server.url, "Bench Embedded");
    const key = await readOnlyKey(server, account);
    const { id: roleId } = await roleNamed(account.owner, "Read Only");
    for (let i = 0; i < 1000; i++) await createKeyWithRole(server.url, account.owner, roleId, `seed ${i}`);
    report.load.push(...(await scenarios(server, "embedded (PGlite)", key.secret)));
  } finally {
    await server.stop();
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
    report.load.push(...(await scenarios(a, "PostgreSQL", key.secret)));
    if (PEERS) await peers(a, key.secret);

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

// The portal beside its peers, in alternating rounds: whoami against better-auth's API-key
// plugin on the same PostgreSQL server (its own database), and the server CPU of a trivial
// request against a bare Next.js app of the same version.
async function peers(portal: RunningServer, secret: string) {
  const database = await createTestDatabase();
  const running: RunningPeer[] = [];
  try {
    const peerKey = setUpBetterAuth(database.url);
    const betterAuth = await startPeer("better-auth", 3505, { DATABASE_URL: database.url });
    running.push(betterAuth);
    const bare = await startPeer("bare-next", 3506);
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
