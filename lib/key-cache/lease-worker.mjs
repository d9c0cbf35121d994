// The key cache's coordination, on a thread of its own (started by coordinator.ts, which
// explains the protocol): the LISTEN connection, the lease renewals, the acknowledgements
// and the waits of this instance's writers. Nothing here waits on the request event loop,
// so a saturated instance still renews its lease on time and acknowledges at once.
//
// Shared with the request thread (workerData.shared, a SharedArrayBuffer):
//   BigInt64 [0] trusted until (epoch ms; 0: not trusted)
//   Int32    [2] how many messages this thread has put on `inbox` (the request thread
//                drains them with receiveMessageOnPort before it trusts its memory)
// Each message on `inbox` is posted before that count grows, and the count grows before
// an eviction is acknowledged or a lease is trusted: a request that starts afterwards
// drains it first.
import { randomUUID } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";

const { databaseUrl, instanceId, shared, inbox } = workerData;
const trustedUntil = new BigInt64Array(shared, 0, 1);
const posted = new Int32Array(shared, 8, 1);

const LEASE_MS = 3000;
const HEARTBEAT_MS = 1000;
const MARGIN_MS = 500;
const DEAD_LEASE_CLEANUP_EVERY = 60;
const CHANNEL = "wisp_key_cache";
const ACK_CHANNEL = "wisp_key_cache_ack";
const EVERYTHING_BEFORE = "*";
const MAX_PAYLOAD_BYTES = 7_000;

/** @type {pg.Client | undefined} */
let client;
let stopped = false;
let beats = 0;
/** @type {Map<string, { waiting: Set<string>; done: () => void; echoed: boolean }>} */
const pending = new Map();
// Writers' queries (live leases, NOTIFY) go through a pool of their own, as they did on the
// request thread: a write still completes while the LISTEN connection reconnects.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 3000 });
pool.on("error", () => {});

const trust = (until) => Atomics.store(trustedUntil, 0, BigInt(Math.floor(until)));
function post(message) {
  inbox.postMessage(message);
  Atomics.add(posted, 0, 1);
}

// The LISTEN connection runs one query at a time (pg deprecates overlapping ones).
const queues = new WeakMap();
function queryOn(on, sql, params) {
  const run = (queues.get(on) ?? Promise.resolve()).then(() => on.query(sql, params));
  queues.set(
    on,
    run.catch(() => {}),
  );
  return run;
}

async function connect() {
  const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000, query_timeout: 2000 });
  const lost = () => {
    if (client !== next) return;
    client = undefined;
    trust(0);
    next.end().catch(() => {});
    scheduleReconnect();
  };
  next.on("error", lost);
  next.on("end", lost);
  next.on("notification", (message) => onNotification(next, message.channel, message.payload ?? ""));
  try {
    await next.connect();
    await queryOn(next, `LISTEN ${CHANNEL}`);
    await queryOn(next, `LISTEN ${ACK_CHANNEL}`);
    await queryOn(next, "SELECT pg_notify($1, $2)", [ACK_CHANNEL, `${EVERYTHING_BEFORE}:${instanceId}`]);
  } catch (error) {
    next.end().catch(() => {});
    throw error;
  }
  // Whatever was missed while disconnected: start from an empty cache and a new filter.
  post({ reset: true });
  client = next;
  await renewLease();
  parentPort.postMessage({ type: client === next ? "connected" : "connect-failed" });
}

function scheduleReconnect() {
  if (stopped) return;
  setTimeout(() => void connect().catch(() => scheduleReconnect()), 1000);
}

// A renewal extends the lease whenever it runs, late or not. Only when the lease had truly
// run out in the database (a writer may then have finished without this instance's
// acknowledgement) does the cache start again from empty, before it is trusted again.
async function renewLease() {
  const on = client;
  if (!on) return;
  const sentAt = Date.now();
  try {
    const { rows } = await queryOn(
      on,
      `WITH prior AS (SELECT lease_until FROM cache_instances WHERE id = $1)
       INSERT INTO cache_instances (id, lease_until) VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until
       RETURNING (SELECT lease_until > clock_timestamp() FROM prior) AS alive`,
      [instanceId, LEASE_MS],
    );
    if (client !== on) return;
    if (rows[0]?.alive === false) {
      post({ reset: true });
      parentPort.postMessage({ type: "lease-expired" });
    }
    trust(sentAt + LEASE_MS - MARGIN_MS);
    beats = (beats + 1) % DEAD_LEASE_CLEANUP_EVERY;
    if (beats === 1)
      await queryOn(on, "DELETE FROM cache_instances WHERE lease_until < now() - interval '1 minute'").catch(() => {});
  } catch {
    trust(0);
    on.emit("error", new Error("lease renewal failed"));
  }
}

function onNotification(on, channel, payload) {
  const [invalidationId, from] = payload.split(":", 2);
  if (channel === CHANNEL) {
    if (from === instanceId) {
      const own = pending.get(invalidationId);
      if (own) own.echoed = true;
      return;
    }
    post({ change: payload.slice(invalidationId.length + from.length + 2) });
    queryOn(on, "SELECT pg_notify($1, $2)", [ACK_CHANNEL, `${invalidationId}:${instanceId}`]).catch(() => {});
    return;
  }
  const acknowledged =
    invalidationId === EVERYTHING_BEFORE
      ? [...pending.values()].filter((entry) => entry.echoed)
      : [pending.get(invalidationId)].filter((entry) => entry !== undefined);
  for (const entry of acknowledged) {
    entry.waiting.delete(from);
    if (entry.waiting.size === 0) entry.done();
  }
}

// Sends `change` (JSON) to every instance with a live lease and resolves once each has
// acknowledged it or let its lease run out.
async function publish(change) {
  const { rows } = await pool.query("SELECT id FROM cache_instances WHERE lease_until > now() AND id <> $1", [
    instanceId,
  ]);
  if (rows.length === 0) return;
  const invalidationId = randomUUID();
  const waiting = new Set(rows.map((row) => row.id));
  const acknowledged = new Promise((resolve) => pending.set(invalidationId, { waiting, done: resolve, echoed: false }));
  try {
    const sent = change.length <= MAX_PAYLOAD_BYTES ? change : JSON.stringify({ ...JSON.parse(change), evict: "all" });
    await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, `${invalidationId}:${instanceId}:${sent}`]);
    await Promise.race([acknowledged, leasesRunOut(waiting)]);
  } finally {
    pending.delete(invalidationId);
  }
}

async function leasesRunOut(waiting) {
  const deadline = Date.now() + 4 * LEASE_MS;
  while (waiting.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { rows } = await pool.query("SELECT id FROM cache_instances WHERE id = ANY($1) AND lease_until > now()", [
      [...waiting],
    ]);
    const live = new Set(rows.map((row) => row.id));
    for (const id of waiting) if (!live.has(id)) waiting.delete(id);
  }
}

async function stop() {
  stopped = true;
  trust(0);
  clearInterval(timer);
  const on = client;
  client = undefined;
  if (on) {
    await queryOn(on, "DELETE FROM cache_instances WHERE id = $1", [instanceId]).catch(() => {});
    await on.end().catch(() => {});
  }
  await pool.end().catch(() => {});
}

parentPort.on("message", (message) => {
  if (message.type === "publish")
    publish(message.change).then(
      () => parentPort.postMessage({ type: "published", id: message.id }),
      (error) => parentPort.postMessage({ type: "published", id: message.id, error: String(error?.message ?? error) }),
    );
  else if (message.type === "stop") void stop().then(() => parentPort.postMessage({ type: "stopped" }));
});

const timer = setInterval(() => void renewLease(), HEARTBEAT_MS);
connect().catch(() => {
  parentPort.postMessage({ type: "connect-failed" });
  scheduleReconnect();
});
