// Key checks under pressure, on PostgreSQL: (a) two instances serving whoami while another
// account creates and deletes 10 keys a second (a change to one key must not cost the other
// keys their cached entries), and (b) whoami while another client sprays ten times as many
// connections of well-formed made-up keys (refused from the filter of live secrets), from
// one address (braked) and from a new address each request (the server's capacity).
// Alternating rounds, each pair's ratio as the median round and its spread.
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import autocannon from "autocannon";
import { generateSecret } from "../lib/api-keys/format";
import { createKeyWithRole, expectJson, newAccount, roleNamed, type TestAccount } from "../tests/helpers/account";
import { newClientAddress } from "../tests/helpers/clock";
import { createTestDatabase } from "../tests/helpers/postgres";
import { startServer, type RunningServer } from "../tests/helpers/server";
import { load, medianRound, roundRatios, SECONDS, warmUp, type Figures, type Target } from "./load.mts";

const ROUNDS = 4;
const CHURN_PER_SECOND = 10;
const database = "PostgreSQL, pressure";

type Note = (name: string, value: string | number) => void;

export async function pressure(ports: [number, number], note: Note): Promise<Figures[]> {
  const db = await createTestDatabase();
  // The test endpoint (GET /api/test/key-cache) counts each instance's lookups.
  // The brake on failed key checks at its defaults; the spray names its client addresses in
  // X-Forwarded-For, as a load balancer would.
  const env = { DATABASE_URL: db.url, TRUSTED_PROXIES: "127.0.0.1,::1", WISP_TEST_CLOCK: "1" };
  const servers: RunningServer[] = [];
  try {
    const a = await startServer(ports[0], env);
    servers.push(a);
    const b = await startServer(ports[1], env);
    servers.push(b);
    const measured = await newAccount(a.url, "Bench Pressure");
    const churned = await newAccount(a.url, "Bench Churn");
    const key = await createKeyWithRole(
      a.url,
      measured.owner,
      (await roleNamed(measured.owner, "Read Only")).id,
      "pressure key",
    );
    const whoami = (server: RunningServer): Target => ({
      url: `${server.url}/api/v1/whoami`,
      headers: { Authorization: `Bearer ${key.secret}` },
    });
    await warmUp([whoami(a), whoami(b)]);
    const figures = [...(await underChurn([a, b], whoami, churned, note)), ...(await underSpray(a, whoami(a), note))];
    await sprayOnBareNode(ports[1] + 1, note);
    return figures;
  } finally {
    for (const server of servers) await server.stop();
    await db.drop();
  }
}

async function lookups(servers: RunningServer[]): Promise<number> {
  let total = 0;
  for (const server of servers)
    total += (await expectJson<{ lookups: number }>(await fetch(`${server.url}/api/test/key-cache`), 200)).lookups;
  return total;
}

// Creates and deletes keys in `account` through the first server, CHURN_PER_SECOND a second.
function churn(server: RunningServer, account: TestAccount, roleId: string) {
  let running = true;
  let deletes = 0;
  const done = (async () => {
    while (running) {
      const started = Date.now();
      const created = await createKeyWithRole(server.url, account.owner, roleId, `churn ${deletes}`);
      const deleted = await account.owner(`/api/v1/api-keys/${created.keyId}`, { method: "DELETE" });
      if (deleted.status === 204) deletes++;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, 1000 / CHURN_PER_SECOND - (Date.now() - started))),
      );
    }
  })();
  return async () => {
    running = false;
    await done;
    return deletes;
  };
}

async function underChurn(
  servers: RunningServer[],
  whoami: (server: RunningServer) => Target,
  account: TestAccount,
  note: Note,
): Promise<Figures[]> {
  const roleId = (await roleNamed(account.owner, "Read Only")).id;
  const quiet: Figures[] = [];
  const busy: Figures[] = [];
  let deletes = 0;
  let lookupsDuringChurn = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const withChurn of round % 2 === 0 ? [false, true] : [true, false]) {
      const targets = servers.map(whoami);
      if (!withChurn) {
        quiet.push(await load(`whoami, 2 instances (round ${round + 1})`, database, targets));
        continue;
      }
      const before = await lookups(servers);
      const stop = churn(servers[0], account, roleId);
      busy.push(await load(`whoami, 2 instances, 10 create+delete/s (round ${round + 1})`, database, targets));
      deletes += await stop();
      lookupsDuringChurn += (await lookups(servers)) - before;
    }
  }
  const ratio = roundRatios(
    busy.map((figures) => figures.rps),
    quiet.map((figures) => figures.rps),
  );
  note("pressure: whoami with 10 create+delete/s ÷ without (2 instances)", ratio.text);
  note("pressure: key lookups per delete (both instances)", (lookupsDuringChurn / Math.max(deletes, 1)).toFixed(3));
  return [
    medianRound("whoami, 2 instances", quiet),
    medianRound("whoami, 2 instances, 10 create+delete/s elsewhere", busy),
  ];
}

// Each request of the spray carries a new made-up key, from one client address (a guesser
// the brake on failed checks blocks after 30, and then holds its answers) or from a new
// address each time (a spread-out spray no per-address brake sees: the server's capacity).
function spray(target: Target, connections: number, from: "one address" | "many addresses") {
  return autocannon({
    url: target.url,
    connections,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: {
            ...request.headers,
            Authorization: `Bearer ${generateSecret()}`,
            "X-Forwarded-For": from === "one address" ? SPRAYER : newClientAddress(),
          },
        }),
      },
    ],
  });
}

const SPRAYER = "2001:db8:5:5::5";
const SPRAYS = ["one address", "many addresses"] as const;

async function underSpray(server: RunningServer, whoami: Target, note: Note): Promise<Figures[]> {
  const alone: Figures[] = [];
  const sprayed = { "one address": [] as Figures[], "many addresses": [] as Figures[] };
  const madeUpRps = { "one address": [] as number[], "many addresses": [] as number[] };
  let madeUpRequests = 0;
  let lookupsDuringSpray = 0;
  const legit = { ...whoami, headers: { ...whoami.headers, "X-Forwarded-For": "2001:db8:1:1::1" }, connections: 1 };
  const conditions = [null, ...SPRAYS];
  for (let round = 0; round < ROUNDS; round++) {
    // A new order each round (rotated), so no condition always follows another.
    for (const from of conditions.map((_, i) => conditions[(i + round) % conditions.length])) {
      if (!from) {
        alone.push(await loadWith(`whoami, 1 connection (round ${round + 1})`, legit));
        continue;
      }
      const before = await lookups([server]);
      const [figures, madeUp] = await Promise.all([
        loadWith(`whoami, 1 connection, made-up keys on 10 from ${from} (round ${round + 1})`, legit),
        spray({ url: `${server.url}/api/v1/whoami` }, 10, from),
      ]);
      sprayed[from].push(figures);
      madeUpRps[from].push(madeUp.requests.average);
      madeUpRequests += madeUp.requests.total;
      lookupsDuringSpray += (await lookups([server])) - before;
      console.log(`${"".padEnd(22)} made-up keys alongside: ${Math.round(madeUp.requests.average)} req/s`);
    }
  }
  const rps = (list: Figures[]) => list.map((figures) => figures.rps);
  for (const from of SPRAYS) {
    note(
      `pressure: whoami while made-up keys are sprayed from ${from} ÷ alone`,
      roundRatios(rps(sprayed[from]), rps(alone)).text,
    );
    note(
      `pressure: made-up ÷ valid req/s during the spray from ${from}`,
      roundRatios(madeUpRps[from], rps(sprayed[from])).text,
    );
  }
  note("pressure: key lookups per made-up key", (lookupsDuringSpray / Math.max(madeUpRequests, 1)).toFixed(4));
  return [
    medianRound("whoami, 1 connection", alone),
    ...SPRAYS.map((from) =>
      medianRound(`whoami, 1 connection, made-up keys sprayed on 10 from ${from}`, sprayed[from]),
    ),
  ];
}

// The same spray (from many addresses) against Node.js's HTTP server with no app
// (bench/peers/bare-http.mjs): the share of a server's time that one connection keeps
// beside ten busy ones, whatever the app does.
async function sprayOnBareNode(port: number, note: Note): Promise<void> {
  const key = generateSecret();
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "peers/bare-http.mjs")], {
    env: { ...process.env, PORT: String(port), BARE_KEY: key },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await once(child.stdout!, "data");
    const url = `http://127.0.0.1:${port}/api/v1/whoami`;
    const legit = { url, headers: { Authorization: `Bearer ${key}` }, connections: 1 };
    const alone: Figures[] = [];
    const sprayed: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const withSpray of round % 2 === 0 ? [false, true] : [true, false]) {
        if (!withSpray) {
          alone.push(await loadWith(`bare Node.js: 1 connection (round ${round + 1})`, legit, BARE));
          continue;
        }
        const [figures] = await Promise.all([
          loadWith(`bare Node.js: 1 connection, made-up keys on 10 (round ${round + 1})`, legit, BARE),
          spray({ url }, 10, "many addresses"),
        ]);
        sprayed.push(figures);
      }
    }
    note(
      "pressure: bare Node.js server, one connection while made-up keys are sprayed on 10 ÷ alone",
      roundRatios(
        sprayed.map((figures) => figures.rps),
        alone.map((figures) => figures.rps),
      ).text,
    );
  } finally {
    child.kill();
  }
}

const BARE = "bare Node.js HTTP";

async function loadWith(scenario: string, target: Target & { connections: number }, on = database): Promise<Figures> {
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections: target.connections,
    duration: SECONDS,
  });
  const figures: Figures = {
    scenario,
    database: on,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
  console.log(
    `${on.padEnd(22)} ${scenario.padEnd(40)} ${String(figures.rps).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  non-2xx ${figures.non2xx}`,
  );
  return figures;
}
