// Two instances on PostgreSQL, both saturated by whoami (OVERLOAD_CONNECTIONS in all, split
// between them), in interleaved rounds: a round with no key change at all, and a round in
// which a client starts 10 create+delete pairs a second through instance A. Prints, each
// as the median round and the rounds' spread, beside its goal: key lookups in a round
// without changes (the cache stays trusted: goal 0), lookups per delete (goal ≤ 1), create
// and delete p50/p99 under that load (goal p99 ≤ 1 s), pairs reached per second (goal 10).
// Run alone: BENCH_ONLY=overload npm run bench (writes no results).
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { createKeyWithRole, expectJson, newAccount, roleNamed, type TestAccount } from "../tests/helpers/account";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { SECONDS, warmUp, type Figures } from "./load.mts";

const ROUNDS = Number(process.env.OVERLOAD_ROUNDS ?? 4);
const CONNECTIONS = Number(process.env.OVERLOAD_CONNECTIONS ?? 50);
const PAIRS_PER_SECOND = 10;
const database = "PostgreSQL, overload";

type Note = (name: string, value: string | number) => void;

// Both pairs of instances run at once: as shipped, and without the admission queue
// (MAX_CONCURRENT_REQUESTS=0, lib/http/admission.mjs), each on its own database, loaded in
// turn in interleaved rounds: the before and after of issue 29's item 4 in one run.
const VARIANTS = [
  { label: "", env: {} },
  { label: ", no admission queue", env: { MAX_CONCURRENT_REQUESTS: "0" } },
];

type Measured = {
  label: string;
  servers: RunningServer[];
  targets: { url: string; headers: Record<string, string> }[];
  churned: TestAccount;
  roleId: string;
  quiet: Figures[];
  quietLookups: number[];
  busy: Figures[];
  perDelete: number[];
  creates: number[][];
  deletes: number[][];
  pairsPerSecond: number[];
};

export async function overload(ports: [number, number], note: Note): Promise<Figures[]> {
  const dbs = [];
  const servers: RunningServer[] = [];
  note("overload: machine load average (1, 5, 15 min) at start", loadAverage());
  try {
    const subjects: Measured[] = [];
    for (const [index, variant] of VARIANTS.entries()) {
      const db = await createTestDatabase();
      dbs.push(db);
      const env = {
        DATABASE_URL: db.url,
        WISP_TEST_CLOCK: "1",
        API_KEY_FAILURES_PER_MINUTE: "1000000",
        ...variant.env,
      };
      const pair = [await startServer(ports[0] + 10 * index, env), await startServer(ports[1] + 10 * index, env)];
      servers.push(...pair);
      const [a] = pair;
      const measured = await newAccount(a.url, "Bench Overload");
      const churned = await newAccount(a.url, "Bench Overload Churn");
      const key = await createKeyWithRole(
        a.url,
        measured.owner,
        (await roleNamed(measured.owner, "Read Only")).id,
        "k",
      );
      const targets = pair.map((server) => ({
        url: `${server.url}/api/v1/whoami`,
        headers: { Authorization: `Bearer ${key.secret}` },
      }));
      await warmUp(targets);
      subjects.push({
        label: variant.label,
        servers: pair,
        targets,
        churned,
        roleId: (await roleNamed(churned.owner, "Read Only")).id,
        quiet: [],
        quietLookups: [],
        busy: [],
        perDelete: [],
        creates: [],
        deletes: [],
        pairsPerSecond: [],
      });
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
        for (const withChurn of round % 2 === 0 ? [false, true] : [true, false]) {
          const before = await lookups(subject.servers);
          if (!withChurn) {
            subject.quiet.push(
              await saturate(`whoami, no key change (round ${round + 1})${subject.label}`, subject.targets),
            );
            subject.quietLookups.push((await lookups(subject.servers)) - before);
            console.log(`${"".padEnd(22)} key lookups: ${subject.quietLookups.at(-1)}`);
            continue;
          }
          const stop = churn(subject.servers[0], subject.churned, subject.roleId);
          subject.busy.push(
            await saturate(`whoami, 10 create+delete/s (round ${round + 1})${subject.label}`, subject.targets),
          );
          const pairs = await stop();
          subject.perDelete.push(((await lookups(subject.servers)) - before) / Math.max(pairs.deletes.length, 1));
          subject.creates.push(pairs.creates);
          subject.deletes.push(pairs.deletes);
          subject.pairsPerSecond.push(pairs.deletes.length / pairs.seconds);
          console.log(
            `${"".padEnd(22)} ${pairs.deletes.length} pairs in ${pairs.seconds.toFixed(1)} s; lookups per delete ${subject.perDelete.at(-1)!.toFixed(2)}; ` +
              `create p50/p99 ${percentile(pairs.creates, 50)}/${percentile(pairs.creates, 99)} ms, delete ${percentile(pairs.deletes, 50)}/${percentile(pairs.deletes, 99)} ms`,
          );
        }
      }
    }
    const ms = (values: number[]) => spread(values, (value) => `${Math.round(value)}`) + " ms";
    for (const subject of subjects) {
      const goal = (text: string) => `${text}${subject.label}`;
      note(
        `overload: key lookups in a round without key changes, ${goal("goal 0")}`,
        spread(subject.quietLookups, String),
      );
      note(
        `overload: key lookups per delete, ${goal("goal ≤ 1")}`,
        spread(subject.perDelete, (value) => value.toFixed(2)),
      );
      note(`overload: create p50${subject.label}`, ms(subject.creates.map((list) => percentile(list, 50))));
      note(`overload: create p99, ${goal("goal ≤ 1000 ms")}`, ms(subject.creates.map((list) => percentile(list, 99))));
      note(`overload: delete p50${subject.label}`, ms(subject.deletes.map((list) => percentile(list, 50))));
      note(`overload: delete p99, ${goal("goal ≤ 1000 ms")}`, ms(subject.deletes.map((list) => percentile(list, 99))));
      note(
        `overload: create+delete pairs per second reached, ${goal(`goal ${PAIRS_PER_SECOND}`)}`,
        spread(subject.pairsPerSecond, (value) => value.toFixed(1)),
      );
    }
    note("overload: machine load average (1, 5, 15 min) at end", loadAverage());
    const median = (list: Figures[], scenario: string) => ({
      ...[...list].sort((x, y) => x.rps - y.rps)[Math.floor(list.length / 2)],
      scenario,
    });
    return [
      median(subjects[0].quiet, `whoami, 2 instances, ${CONNECTIONS} connections`),
      median(subjects[0].busy, `whoami, 2 instances, ${CONNECTIONS} connections, 10 create+delete/s`),
    ];
  } finally {
    for (const server of servers) await server.stop();
    for (const db of dbs) await db.drop();
  }
}

function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(", ");
}

async function lookups(servers: RunningServer[]): Promise<number> {
  let total = 0;
  for (const server of servers)
    total += (await expectJson<{ lookups: number }>(await fetch(`${server.url}/api/test/key-cache`), 200)).lookups;
  return total;
}

async function saturate(scenario: string, targets: { url: string; headers: Record<string, string> }[]) {
  const results = await Promise.all(
    targets.map((target) =>
      autocannon({ ...target, connections: Math.round(CONNECTIONS / targets.length), duration: SECONDS }),
    ),
  );
  const figures: Figures = {
    scenario,
    database,
    rps: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0)),
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    requests: results.reduce((sum, result) => sum + result.requests.total, 0),
  };
  console.log(
    `${database.padEnd(22)} ${scenario.padEnd(40)} ${String(figures.rps).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  non-2xx ${figures.non2xx}`,
  );
  return figures;
}

// Starts a create+delete pair through `server` every 1/PAIRS_PER_SECOND s, whether or not
// the ones before have finished (as independent clients would): each pair's create and
// delete times (ms), and how long until the last one finished.
function churn(server: RunningServer, account: TestAccount, roleId: string) {
  const creates: number[] = [];
  const deletes: number[] = [];
  const pairs: Promise<void>[] = [];
  const startedAt = performance.now();
  const pair = async (n: number) => {
    const started = performance.now();
    const created = await createKeyWithRole(server.url, account.owner, roleId, `churn ${n}`);
    const createdAt = performance.now();
    creates.push(createdAt - started);
    const deleted = await account.owner(`/api/v1/api-keys/${created.keyId}`, { method: "DELETE" });
    if (deleted.status !== 204) throw new Error(`delete answered ${deleted.status}`);
    deletes.push(performance.now() - createdAt);
  };
  const timer = setInterval(() => pairs.push(pair(pairs.length)), 1000 / PAIRS_PER_SECOND);
  return async () => {
    clearInterval(timer);
    await Promise.all(pairs);
    return { creates, deletes, seconds: (performance.now() - startedAt) / 1000 };
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
}

// "median (rounds min–max)".
function spread(values: number[], format: (value: number) => string): string {
  const sorted = [...values].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `${format(median)} (rounds ${format(sorted[0])}–${format(sorted[sorted.length - 1])})`;
}
