import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { config } from "@/lib/config";
import { getConnection } from "@/lib/db/connection";
import { keyCache } from "./cache";

// Keeps every instance's key cache exact, with no revocation window.
//
// Embedded database: one process owns the data directory, so clearing this process's
// cache is enough. PostgreSQL server: each instance holds a dedicated connection that
// LISTENs for invalidations and renews a lease row every HEARTBEAT_MS. An instance may
// answer from memory only until its last successful renewal + LEASE_MS − MARGIN_MS;
// if the connection breaks, it stops at once and goes to the database (and answers 503
// when that is gone too). A change to a key or role clears the local cache, NOTIFYs,
// and returns only when every instance with a live lease has acknowledged, or its lease
// has run out (after which that instance no longer trusts its memory).
const LEASE_MS = 3000;
const HEARTBEAT_MS = 1000;
const MARGIN_MS = 500;
// Every this many heartbeats (and at the first), rows of instances that died without
// leaving are deleted once their lease ran out a minute ago.
const DEAD_LEASE_CLEANUP_EVERY = 60;
const CHANNEL = "wisp_key_cache";
const ACK_CHANNEL = "wisp_key_cache_ack";

type Pending = { waiting: Set<string>; done: () => void };
type State = {
  instanceId: string;
  client?: Client;
  trustedUntil: number;
  pending: Map<string, Pending>;
  stopped: boolean;
  timer?: NodeJS.Timeout;
  beats?: number;
};

const globalForCoordinator = globalThis as unknown as { wispCoordinator?: State };
const state: State = (globalForCoordinator.wispCoordinator ??= {
  instanceId: randomUUID(),
  trustedUntil: 0,
  pending: new Map(),
  stopped: false,
});

export async function startCacheCoordinator(): Promise<void> {
  if (getConnection().kind === "pglite") {
    keyCache.setUsable(() => true);
    return;
  }
  keyCache.setUsable(() => Date.now() < state.trustedUntil);
  await connect().catch(() => scheduleReconnect());
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
    client.end().catch(() => {});
    scheduleReconnect();
  };
  client.on("error", lost);
  client.on("end", lost);
  client.on("notification", (message) => onNotification(client, message.channel, message.payload ?? ""));
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
  await client.query(`LISTEN ${ACK_CHANNEL}`);
  // Notifications missed while disconnected are covered by starting empty.
  keyCache.clear();
  state.client = client;
  await renewLease();
  state.timer ??= setInterval(() => void renewLease(), HEARTBEAT_MS);
  state.timer.unref();
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
    await client.query(
      `INSERT INTO cache_instances (id, lease_until) VALUES ($1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until`,
      [state.instanceId, LEASE_MS],
    );
    if (state.client === client) state.trustedUntil = sentAt + LEASE_MS - MARGIN_MS;
    state.beats = ((state.beats ?? 0) + 1) % DEAD_LEASE_CLEANUP_EVERY;
    if (state.beats === 1)
      await client.query("DELETE FROM cache_instances WHERE lease_until < now() - interval '1 minute'");
  } catch {
    state.trustedUntil = 0;
    client.emit("error", new Error("lease renewal failed"));
  }
}

function onNotification(client: Client, channel: string, payload: string): void {
  const [invalidationId, from] = payload.split(":");
  if (channel === CHANNEL) {
    if (from === state.instanceId) return;
    keyCache.clear();
    client.query("SELECT pg_notify($1, $2)", [ACK_CHANNEL, `${invalidationId}:${state.instanceId}`]).catch(() => {});
    return;
  }
  const pending = state.pending.get(invalidationId);
  if (!pending) return;
  pending.waiting.delete(from);
  if (pending.waiting.size === 0) pending.done();
}

// Called after a change to keys or roles has committed, before it is reported done.
export async function invalidateKeyCache(): Promise<void> {
  keyCache.clear();
  const connection = getConnection();
  if (connection.kind === "pglite") return;
  const { rows } = await connection.pool.query<{ id: string }>(
    "SELECT id FROM cache_instances WHERE lease_until > now() AND id <> $1",
    [state.instanceId],
  );
  if (rows.length === 0) return;
  const invalidationId = randomUUID();
  const waiting = new Set(rows.map((row) => row.id));
  const acknowledged = new Promise<void>((resolve) => state.pending.set(invalidationId, { waiting, done: resolve }));
  try {
    await connection.pool.query("SELECT pg_notify($1, $2)", [CHANNEL, `${invalidationId}:${state.instanceId}`]);
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
  await client.query("DELETE FROM cache_instances WHERE id = $1", [state.instanceId]).catch(() => {});
  await client.end().catch(() => {});
}
