// Memory (issue 29): the server's resident set idle after start, under load (50
// connections, rounds of BENCH_MEMORY_SECONDS, default 30 s) and 10 s after, embedded and on
// PostgreSQL. Both servers run at once and are loaded in interleaved rounds (E P, P E, …),
// so a busy machine weighs on both alike. The load mixes what a client of the API and a
// member of the portal do: whoami, the keys list (API) and the API Keys page.
// GET /api/test/memory says where the memory is (V8's heap, Buffers, PGlite's WebAssembly).
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { createKeyWithRole, newAccount, roleNamed } from "../tests/helpers/account";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer, type RunningServer } from "../tests/helpers/server";

const ROUNDS = 3;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 30);
const AFTER_MS = 10_000;
export const MEMORY_GOALS = { embeddedAfter: 450, postgresAfter: 300, embeddedIdle: 300 };

type Note = (name: string, value: string | number) => void;
type Breakdown = Record<string, unknown>;
export type MemoryFigures = {
  database: string;
  idle: number;
  peak: number[];
  endOfRound: number[];
  // 10 s after each round.
  after: number[];
  breakdownIdle: Breakdown;
  breakdownAfter: Breakdown;
};

// Resident set of the server process, in MB (VmRSS).
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}

// Where the memory is, and (with --expose-gc in NODE_OPTIONS) how much of V8's heap a full
// collection frees.
async function breakdown(server: RunningServer): Promise<Breakdown> {
  const read = async (query = "") =>
    (await (await fetch(`${server.url}/api/test/memory${query}`)).json()) as Record<string, unknown>;
  const before = await read();
  const afterGc = await read("?gc=1");
  return { ...before, heapUsedAfterGc: afterGc.heapUsed, rssAfterGc: afterGc.rss };
}

type MemoryReport = { idleCollection: { last: { at: number } | null } | null };

// Idle: 2 s without a request, and the collection a busy server makes then (lib/server/
// idle-collection.mjs, checked every second) if it makes one: a server that collected when it
// first fell idle makes the next only after 200 more requests, which preparing it may not
// reach (the idle breakdown's idleCollection says when it last collected). Reading the
// memory report doesn't count as a request, so it can be polled.
async function afterIdleCollection(subjects: Subject[]) {
  for (const subject of subjects) {
    for (;;) {
      const report = (await (await fetch(`${subject.server.url}/api/test/memory`)).json()) as MemoryReport;
      if ((report.idleCollection?.last?.at ?? 0) > subject.preparedAt) break;
      if (Date.now() - subject.preparedAt > 5000) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

type Subject = {
  name: string;
  server: RunningServer;
  key: string;
  cookie: string;
  preparedAt: number;
  figures: MemoryFigures;
};

async function prepare(name: string, server: RunningServer): Promise<Subject> {
  const account = await newAccount(server.url, `Bench Memory ${name}`);
  const { id: roleId } = await roleNamed(account.owner, "Read Only");
  for (let i = 0; i < 50; i++) await createKeyWithRole(server.url, account.owner, roleId, `memory ${i}`);
  const key = await createKeyWithRole(server.url, account.owner, roleId, "memory key");
  return {
    name,
    server,
    key: key.secret,
    cookie: account.session.cookie,
    preparedAt: Date.now(),
    figures: {
      database: name,
      idle: 0,
      peak: [],
      endOfRound: [],
      after: [],
      breakdownIdle: {},
      breakdownAfter: {},
    },
  };
}

async function loadRound(subject: Subject, round: number) {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(subject.server.pid))), 500);
  const bearer = { Authorization: `Bearer ${subject.key}` };
  const result = await autocannon({
    timeout: 30,
    url: subject.server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      { method: "GET", path: "/api/v1/whoami", headers: bearer },
      { method: "GET", path: "/api/v1/api-keys?pageSize=50", headers: bearer },
      { method: "GET", path: "/api-keys", headers: { Cookie: subject.cookie } },
    ],
  });
  clearInterval(sampler);
  const end = rssMb(subject.server.pid);
  subject.figures.peak.push(Math.max(peak, end));
  subject.figures.endOfRound.push(end);
  console.log(
    `${subject.name.padEnd(48)} memory round ${round + 1}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, RSS peak ${Math.max(peak, end)} MB, at the end ${end} MB`,
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;

// Each database runs twice, side by side: as shipped, and without the admission queue and the
// collection when idle (lib/http/admission.mjs, idle-collection.mjs): the before and after
// of issue 29, loaded in the same interleaved rounds.
// As shipped includes what `npm start` sets in the environment (package.json).
const VARIANTS = [
  { label: "", env: { MALLOC_ARENA_MAX: "2" } },
  { label: " without admission/idle GC", env: { MAX_CONCURRENT_REQUESTS: "0", IDLE_GC: "off" } },
];

export async function memory(ports: [number, number], env: Record<string, string>, note: Note) {
  const database = await createTestDatabase();
  const databaseBefore = await createTestDatabase();
  const servers: RunningServer[] = [];
  try {
    // MALLOC_ARENA_MAX as `npm start` sets it: the server as it ships (measured without it, an
    // idle embedded server was ~30 MB bigger).
    const testEnv = { ...env, WISP_TEST_CLOCK: "1", MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };
    const subjects: Subject[] = [];
    for (const [index, variant] of VARIANTS.entries()) {
      const embedded = await startServer(ports[0] + 10 * index, { ...testEnv, ...variant.env });
      servers.push(embedded);
      const url = (index === 0 ? database : databaseBefore).url;
      const postgres = await startServer(ports[1] + 10 * index, { ...testEnv, ...variant.env, DATABASE_URL: url });
      servers.push(postgres);
      subjects.push(await prepare(`embedded (PGlite)${variant.label}`, embedded));
      subjects.push(await prepare(`PostgreSQL${variant.label}`, postgres));
    }
    await afterIdleCollection(subjects);
    for (const subject of subjects) {
      subject.figures.idle = rssMb(subject.server.pid);
      subject.figures.breakdownIdle = await breakdown(subject.server);
    }
    const order = subjects.map((_, index) => index);
    for (let round = 0; round < ROUNDS; round++) {
      for (const index of round % 2 === 0 ? order : [...order].reverse()) {
        const subject = subjects[index];
        await loadRound(subject, round);
        await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
        subject.figures.after.push(rssMb(subject.server.pid));
        if (round === ROUNDS - 1) subject.figures.breakdownAfter = await breakdown(subject.server);
      }
    }
    const [e, p, eBefore, pBefore] = subjects.map((subject) => subject.figures);
    const met = (value: number, limit: number) => (value <= limit ? "met" : "NOT met");
    const before = (f: MemoryFigures) => `; without: median ${median(f.after)} MB (${spread(f.after)})`;
    note(
      `memory: embedded RSS idle after start (goal ≤ ${MEMORY_GOALS.embeddedIdle} MB)`,
      `${e.idle} MB (${met(e.idle, MEMORY_GOALS.embeddedIdle)}); PostgreSQL ${p.idle} MB`,
    );
    for (const f of [e, p, eBefore, pBefore]) {
      note(
        `memory: ${f.database} RSS under load (${ROUNDS} × ${SECONDS} s, ${CONNECTIONS} connections), peak per round`,
        `median ${median(f.peak)} MB (rounds ${spread(f.peak)}); at each round's end ${median(f.endOfRound)} (${spread(f.endOfRound)})`,
      );
    }
    note(
      `memory: embedded RSS 10 s after the load (goal ≤ ${MEMORY_GOALS.embeddedAfter} MB)`,
      `median ${median(e.after)} MB (rounds ${spread(e.after)}; ${met(median(e.after), MEMORY_GOALS.embeddedAfter)})${before(eBefore)}`,
    );
    note(
      `memory: PostgreSQL RSS 10 s after the load (goal ≤ ${MEMORY_GOALS.postgresAfter} MB)`,
      `median ${median(p.after)} MB (rounds ${spread(p.after)}; ${met(median(p.after), MEMORY_GOALS.postgresAfter)})${before(pBefore)}`,
    );
    for (const f of [e, p, eBefore, pBefore]) {
      note(`memory: ${f.database} where it is, idle`, JSON.stringify(f.breakdownIdle));
      note(`memory: ${f.database} where it is, 10 s after`, JSON.stringify(f.breakdownAfter));
    }
    return [e, p];
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
    await databaseBefore.drop();
  }
}
