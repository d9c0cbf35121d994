// What row-level security costs a request on PostgreSQL: two production servers side by
// side, one built from a checkout without it (BASE_DIR, built) and this one, each on a
// database of its own with the production roles (a runtime role that owns nothing, a
// migration role), 1,000 keys in one account. Requests alternate between the two, so load
// on the machine falls on both alike. Prints p50/p95 per scenario and the load average.
// Usage: BASE_DIR=/path/to/other/checkout TEST_PORT_OFFSET=<n> npx tsx bench/rls-cost.mts
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { TestAccount } from "../tests/helpers/account";
import { createTestDatabase, type TestDatabase } from "../tests/helpers/postgres";
import { ROOT, stopProcess, testPort, waitUntilReady, type ServerProcess } from "../tests/helpers/server";
import { accountOf } from "./lists.mts";
import { bulkKeys } from "./seed.mts";

const ROUNDS = Number(process.env.ROUNDS ?? 300);
const base = process.env.BASE_DIR;
if (!base) throw new Error("BASE_DIR: a built checkout without row-level security");

type Side = { name: string; server: ServerProcess; database: TestDatabase; account: TestAccount };

async function start(name: string, dir: string, basePort: number): Promise<Side> {
  // The checkout's own test helpers: they call server actions by the ids of its own build.
  const { newAccount } = (await import(
    path.join(dir, "tests/helpers/account.ts")
  )) as typeof import("../tests/helpers/account");
  const { addMailSource } = (await import(
    path.join(dir, "tests/helpers/mail-sources.ts")
  )) as typeof import("../tests/helpers/mail-sources");
  const { mailsIn } = (await import(path.join(dir, "tests/helpers/smtp.ts"))) as typeof import("../tests/helpers/smtp");
  const database = await createTestDatabase();
  const port = testPort(basePort);
  const dataDir = mkdtempSync(path.join(tmpdir(), "wisp-rls-bench-"));
  addMailSource(() => mailsIn(path.join(dataDir, "mail")), dataDir);
  // The checkout's own migrations (lib/db/migrate.ts reads them from the working directory).
  const child = spawn(process.execPath, ["scripts/serve.mjs"], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, PORT: String(port), ...database.serverEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const server = { child, url: `http://127.0.0.1:${port}`, port, dataDir, output: () => output, exited };
  try {
    await waitUntilReady(server);
    const account = await newAccount(server.url, `${name} bench`);
    const { accountId, roleId } = await accountOf({ ...server, pid: child.pid!, stop: async () => {} }, account);
    await bulkKeys(database.url, accountId, roleId, 1_000);
    return { name, server, database, account };
  } catch (error) {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
    throw error;
  }
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

const SCENARIOS = [
  { scenario: "GET /api/v1/api-keys?pageSize=50", path: "/api/v1/api-keys?pageSize=50", as: "key" },
  { scenario: "GET /api/v1/whoami (cached key)", path: "/api/v1/whoami", as: "key" },
  { scenario: "GET /api/v1/roles", path: "/api/v1/roles", as: "key" },
  { scenario: "page /api-keys", path: "/api-keys", as: "member" },
] as const;

const sides = [await start("without RLS", base, 3385), await start("with RLS", ROOT, 3386)];
try {
  const load = [loadavg()[0]];
  console.log(`| scenario | ${sides.map((s) => `${s.name} p50 / p95 (ms)`).join(" | ")} | p50 ratio |`);
  console.log(`|---|---|---|---|`);
  for (const { scenario, path: route, as } of SCENARIOS) {
    const times = sides.map(() => [] as number[]);
    const headers = (side: Side): Record<string, string> =>
      as === "key"
        ? { Authorization: `Bearer ${side.account.ownerKey.secret}` }
        : { Cookie: side.account.session.cookie };
    for (let round = 0; round < ROUNDS + 20; round++) {
      // Alternating which goes first, so neither always meets the other's leftovers.
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const ms = await timed(`${sides[i].server.url}${route}`, headers(sides[i]));
        if (round >= 20) times[i].push(ms); // the first rounds warm up
      }
    }
    load.push(loadavg()[0]);
    const [p50a, p50b] = times.map((t) => percentile(t, 0.5));
    const cells = times.map((t) => `${percentile(t, 0.5).toFixed(1)} / ${percentile(t, 0.95).toFixed(1)}`);
    console.log(`| ${scenario} | ${cells.join(" | ")} | ${(p50b / p50a).toFixed(2)} |`);
  }
  console.log(
    `\n${ROUNDS} requests per side and scenario; load average (1 min) ${load.map((l) => l.toFixed(2)).join(" → ")}`,
  );
} finally {
  for (const side of sides) {
    await stopProcess(side.server.child);
    rmSync(side.server.dataDir, { recursive: true, force: true });
    await side.database.drop();
  }
}
