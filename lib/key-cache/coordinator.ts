import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { config } from "@/lib/config";
import { getUnscopedDb } from "@/lib/db";
import { getConnection } from "@/lib/db/connection";
import { processSingleton } from "@/lib/process-singleton";
import { keyCache, type CacheScope } from "./cache";
import { secretFilter } from "./secret-filter";

// Keeps every instance's key cache exact, with no revocation window.
//
// Embedded database: one process owns the data directory, so clearing this process's
// cache is enough. PostgreSQL server: each instance holds a dedicated connection that
// LISTENs for invalidations and renews a lease row every HEARTBEAT_MS. An instance may
// answer from memory only until its last successful renewal + LEASE_MS − MARGIN_MS;
// if the connection breaks, it stops at once and goes to the database (and answers 503
// when that is gone too). A change to a key or role evicts what it names (a key, a role's
// keys, an account's keys) from the local cache, NOTIFYs the same scope, and returns only
// when every instance with a live lease has acknowledged evicting it, or its lease has
// run out (after which that instance no longer trusts its memory). A new secret (a key
// created or rolled) travels the same way into every instance's filter of live secrets.
//
// An instance whose connection broke may miss notifications while its lease still runs;
// it reconnects within about a second and renews that lease, so a writer waiting for it
// would wait until its deadline. So, once LISTENing again, and before it trusts its
// memory, it acknowledges every change committed before then at once ("*"), and starts
// from an empty cache. A writer takes that as an acknowledgement of its changes whose own
// notification it received before this one (notifications arrive in commit order): those
// committed later reach the reconnected instance and are acknowledged one by one.
const LEASE_MS = 3000;
const HEARTBEAT_MS = 1000;
const MARGIN_MS = 500;
// Every this many heartbeats (and at the first), rows of instances that died without
// leaving are deleted once their lease ran out a minute ago.
const DEAD_LEASE_CLEANUP_EVERY = 60;
const CHANNEL = "wisp_key_cache";
const ACK_CHANNEL = "wisp_key_cache_ack";

// `echoed`: this instance received its own notification back (it was committed).
type Pending = { waiting: Set<string>; done: () => void; echoed: boolean };
type State = {
  instanceId: string;
  client?: Client;
  trustedUntil: number;
  pending: Map<string, Pending>;
  stopped: boolean;
  timer?: NodeJS.Timeout;
  beats?: number;
};

const state = processSingleton<State>("coordinator", () => ({
  instanceId: randomUUID(),
  trustedUntil: 0,
  pending: new Map(),
  stopped: false,
}));

export async function startCacheCoordinator(): Promise<void> {
  if (getConnection().kind === "pglite") {
    keyCache.setUsable(() => true);
    secretFilter.setUsable(() => true);
    await buildSecretFilter();
    return;
  }
  keyCache.setUsable(() => Date.now() < state.trustedUntil);
  secretFilter.setUsable(() => Date.now() < state.trustedUntil);
  await connect().catch(() => scheduleReconnect());
}

// Counted and read in pages of the hash index. On PostgreSQL this starts only once this
// instance's lease is live: a secret committed later reaches it as a notification, one
// committed earlier is in what it reads.
async function buildSecretFilter(): Promise<void> {
  const db = getUnscopedDb();
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM api_key_secrets WHERE hash IS NOT NULL`;
  async function* pages() {
    let after = "";
    for (;;) {
      const rows = await db.$queryRaw<{ hash: string }[]>`
        SELECT hash FROM api_key_secrets WHERE hash IS NOT NULL AND hash > ${after} ORDER BY hash LIMIT 50000`;
      if (rows.length === 0) return;
      yield rows.map((row) => row.hash);
      after = rows[rows.length - 1].hash;
    }
  }
  await secretFilter.build(n, pages());
}

async function connect(): Promise<void> {
  const client = new Client({
    connectionString: config.databaseUrl,
    connectionTimeoutMillis: 3000,
    query_timeout: 2000,
  });
  const lost = () => {
    if (state.client !== client) return;
    state.client = undefined;
    state.trustedUntil = 0;
    keyCache.clear();
    secretFilter.drop();
    client.end().catch(() => {});
    scheduleReconnect();
  };
  client.on("error", lost);
  client.on("end", lost);
  client.on("notification", (message) => onNotification(client, message.channel, message.payload ?? ""));
  await client.connect();
  await queryOn(client, `LISTEN ${CHANNEL}`);
  await queryOn(client, `LISTEN ${ACK_CHANNEL}`);
  // Notifications missed while disconnected are covered by starting empty (nothing was
  // cached meanwhile: the cache is not used while this instance's lease is not trusted).
  await queryOn(client, "SELECT pg_notify($1, $2)", [ACK_CHANNEL, `${EVERYTHING_BEFORE}:${state.instanceId}`]);
  keyCache.clear();
  state.client = client;
  await renewLease();
  state.timer ??= setInterval(() => void renewLease(), HEARTBEAT_MS);
  state.timer.unref();
  // Additions missed while disconnected are covered by building afresh.
  await buildSecretFilter().catch(() => client.emit("error", new Error("secret filter build failed")));
}

// The coordination connection runs one query at a time: acknowledgements (sent from the
// notification handler) and lease renewals (from a timer) would otherwise overlap, which pg
// deprecates. Each query waits for the one before it, failed or not.
const queues = new WeakMap<Client, Promise<unknown>>();
function queryOn(client: Client, sql: string, params?: unknown[]): Promise<unknown> {
  const run = (queues.get(client) ?? Promise.resolve()).then(() => client.query(sql, params));
  queues.set(
    client,
    run.catch(() => {}),
  );
  return run;
}

function scheduleReconnect(): void {
  if (state.stopped) return;
  setTimeout(() => void connect().catch(() => scheduleReconnect()), 1000).unref();
}

async function renewLease(): Promise<void> {
  const client = state.client;
  if (!client) return;
  const sentAt = Date.now();
  try {
    await queryOn(
      client,
      `INSERT INTO cache_instances (id, lease_until) VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until`,
      [state.instanceId, LEASE_MS],
    );
    if (state.client === client) state.trustedUntil = sentAt + LEASE_MS - MARGIN_MS;
    state.beats = ((state.beats ?? 0) + 1) % DEAD_LEASE_CLEANUP_EVERY;
    if (state.beats === 1)
      await queryOn(client, "DELETE FROM cache_instances WHERE lease_until < now() - interval '1 minute'");
  } catch {
    state.trustedUntil = 0;
    client.emit("error", new Error("lease renewal failed"));
  }
}

// What a change makes every instance do: evict cached keys, and add new secrets' hashes.
export type KeyChange = { evict?: CacheScope; added?: string[] };

function apply(change: KeyChange): void {
  if (change.evict) keyCache.evict(change.evict);
  for (const hash of change.added ?? []) secretFilter.add(hash);
}

// "<invalidation id>:<instance id>:<change as JSON>"; an acknowledgement has no change.
// An acknowledgement of every change committed before it, sent by a reconnected instance.
const EVERYTHING_BEFORE = "*";

function onNotification(client: Client, channel: string, payload: string): void {
  const [invalidationId, from] = payload.split(":", 2);
  if (channel === CHANNEL) {
    if (from === state.instanceId) {
      const own = state.pending.get(invalidationId);
      if (own) own.echoed = true;
      return;
    }
    applyReceived(payload.slice(invalidationId.length + from.length + 2));
    queryOn(client, "SELECT pg_notify($1, $2)", [ACK_CHANNEL, `${invalidationId}:${state.instanceId}`]).catch(() => {});
    return;
  }
  const acknowledged =
    invalidationId === EVERYTHING_BEFORE
      ? [...state.pending.values()].filter((pending) => pending.echoed)
      : [state.pending.get(invalidationId)].filter((pending) => pending !== undefined);
  for (const pending of acknowledged) {
    pending.waiting.delete(from);
    if (pending.waiting.size === 0) pending.done();
  }
}

// A message that can't be read is taken as the largest change: evict everything, and
// forget the filter of live secrets until it is built again.
function applyReceived(text: string): void {
  try {
    apply(JSON.parse(text) as KeyChange);
  } catch {
    keyCache.evict("all");
    secretFilter.drop();
    void buildSecretFilter().catch(() => state.client?.emit("error", new Error("secret filter build failed")));
  }
}

// NOTIFY payloads must stay under 8,000 bytes: a larger eviction scope becomes "all".
const MAX_PAYLOAD_BYTES = 7_000;

// Called after a change to keys or roles has committed, before it is reported done.
export const invalidateKeyCache = (scope: CacheScope) => publishKeyChange({ evict: scope });

// Applies the change here, then on every instance with a live lease, before returning.
export async function publishKeyChange(change: KeyChange): Promise<void> {
  apply(change);
  const connection = getConnection();
  if (connection.kind === "pglite") return;
  const { rows } = await connection.pool.query<{ id: string }>(
    "SELECT id FROM cache_instances WHERE lease_until > now() AND id <> $1",
    [state.instanceId],
  );
  if (rows.length === 0) return;
  const invalidationId = randomUUID();
  const waiting = new Set(rows.map((row) => row.id));
  const acknowledged = new Promise<void>((resolve) =>
    state.pending.set(invalidationId, { waiting, done: resolve, echoed: false }),
  );
  try {
    const full = JSON.stringify(change);
    const sent = full.length <= MAX_PAYLOAD_BYTES ? full : JSON.stringify({ ...change, evict: "all" });
    await connection.pool.query("SELECT pg_notify($1, $2)", [CHANNEL, `${invalidationId}:${state.instanceId}:${sent}`]);
    await Promise.race([acknowledged, leasesRunOut(waiting)]);
  } finally {
    state.pending.delete(invalidationId);
  }
}

// Resolves once every instance still waited for has let its lease expire.
async function leasesRunOut(waiting: Set<string>): Promise<void> {
  const { pool } = getConnection() as { pool: import("pg").Pool };
  const deadline = Date.now() + 4 * LEASE_MS;
  while (waiting.size > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { rows } = await pool.query<{ id: string }>(
      "SELECT id FROM cache_instances WHERE id = ANY($1) AND lease_until > now()",
      [[...waiting]],
    );
    const live = new Set(rows.map((row) => row.id));
    for (const id of waiting) if (!live.has(id)) waiting.delete(id);
  }
}

export async function stopCacheCoordinator(): Promise<void> {
  state.stopped = true;
  state.trustedUntil = 0;
  if (state.timer) clearInterval(state.timer);
  const client = state.client;
  state.client = undefined;
  if (!client) return;
  // Leaving: writers need not wait for this instance any more.
  await queryOn(client, "DELETE FROM cache_instances WHERE id = $1", [state.instanceId]).catch(() => {});
  await client.end().catch(() => {});
}
