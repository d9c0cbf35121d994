import { randomUUID } from "node:crypto";
import { now } from "@/lib/clock";
import { config } from "@/lib/config";
import { getUnscopedDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";

// The request log costs no database write per request, like usage counting: each request
// with a valid key is kept in memory, and every FLUSH_INTERVAL_MS (and at shutdown) the
// batch is written in a few statements. Each key has REQUEST_LOG_PER_KEY slots used in
// turn: one upsert reserves a batch's slots for all its keys (so instances never share a
// slot), and a new row replaces the key's oldest, so the count limit needs no delete.
// Rows older than REQUEST_LOG_DAYS are never read and are deleted every 10 minutes.
export const REQUEST_LOG_DAYS = 7;
const FLUSH_INTERVAL_MS = 5000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
// The buffer's bound while the database can't be written: the oldest entries are dropped.
// A user agent is at most 300 characters (lib/http/request-context.ts): about 10 MB.
export const MAX_PENDING_REQUESTS = 20_000;
// 11 parameters a row, far below PostgreSQL's 65,535 a statement.
const ROWS_PER_STATEMENT = 2000;

export type LoggedRequest = {
  apiKeyId: string;
  accountId: string;
  operation: string;
  status: number;
  clientAddress: string | null;
  userAgent: string | null;
  latencyMs: number;
  requestId: string;
};
type Entry = LoggedRequest & { id: string; at: Date };
type LogState = { pending: Entry[]; dropped: number; prunedAt: number; timer?: NodeJS.Timeout };
const state = processSingleton<LogState>("requestLog", () => ({ pending: [], dropped: 0, prunedAt: 0 }));

export function logRequest(request: LoggedRequest): void {
  state.pending.push({ ...request, id: randomUUID(), at: now() });
  if (state.pending.length > MAX_PENDING_REQUESTS) dropOldest(state.pending.length - MAX_PENDING_REQUESTS);
  if (!state.timer) {
    state.timer = setInterval(() => void flushRequestLog().catch(() => {}), FLUSH_INTERVAL_MS);
    state.timer.unref();
  }
}

function dropOldest(count: number): void {
  state.pending.splice(0, count);
  state.dropped += count;
}

// For tests and the shutdown: what is held, and how many entries the bound has dropped.
export function requestLogBuffer(): { pending: number; dropped: number } {
  return { pending: state.pending.length, dropped: state.dropped };
}

export async function flushRequestLog(): Promise<void> {
  if (state.pending.length > 0) {
    const batch = state.pending;
    state.pending = [];
    try {
      await write(batch);
    } catch (error) {
      // Written again at the next flush (database down), ahead of what came since, within the bound.
      state.pending = [...batch, ...state.pending];
      if (state.pending.length > MAX_PENDING_REQUESTS) dropOldest(state.pending.length - MAX_PENDING_REQUESTS);
      throw error;
    }
  }
  await pruneRequestLogIfDue();
}

async function write(batch: Entry[]): Promise<void> {
  const byKey = new Map<string, Entry[]>();
  for (const entry of batch) {
    const list = byKey.get(entry.apiKeyId) ?? [];
    list.push(entry);
    byKey.set(entry.apiKeyId, list);
  }
  // A key's slots hold only its newest REQUEST_LOG_PER_KEY: more in one batch would
  // replace each other (and one statement can't update a row twice).
  const kept = config.requestLogPerKey;
  for (const [key, list] of byKey) if (list.length > kept) byKey.set(key, list.slice(-kept));
  const keys = [...byKey.keys()];
  const counts = keys.map((key) => byKey.get(key)!.length);
  const db = getUnscopedDb();
  // Keys of every account in one statement: cross-account batch work. A key deleted
  // meanwhile (its row gone with its account) is skipped.
  const reserved = await db.$queryRaw<{ api_key_id: string; next: bigint | number }[]>`
    INSERT INTO api_key_request_counters (api_key_id, next)
    SELECT k.id, k.n
    FROM unnest(string_to_array(${keys.join(",")}, ',')::uuid[], string_to_array(${counts.join(",")}, ',')::int[]) AS k(id, n)
    WHERE EXISTS (SELECT 1 FROM api_keys WHERE api_keys.id = k.id)
    ON CONFLICT (api_key_id) DO UPDATE SET next = api_key_request_counters.next + excluded.next
    RETURNING api_key_id::text, next`;
  const rows: Prisma.Sql[] = [];
  for (const { api_key_id: key, next } of reserved) {
    const list = byKey.get(key);
    if (!list) continue;
    const first = Number(next) - list.length;
    list.forEach((entry, index) => rows.push(rowOf(entry, (first + index) % kept)));
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db.$executeRaw`
      INSERT INTO api_key_requests (id, api_key_id, account_id, slot, created_at, operation, status, client_address,
                                    user_agent, latency_ms, request_id)
      VALUES ${Prisma.join(rows.slice(start, start + ROWS_PER_STATEMENT))}
      ON CONFLICT (api_key_id, slot) DO UPDATE SET id = excluded.id, account_id = excluded.account_id,
        created_at = excluded.created_at, operation = excluded.operation, status = excluded.status,
        client_address = excluded.client_address, user_agent = excluded.user_agent,
        latency_ms = excluded.latency_ms, request_id = excluded.request_id`;
  }
}

const rowOf = (entry: Entry, slot: number) =>
  Prisma.sql`(${entry.id}::uuid, ${entry.apiKeyId}::uuid, ${entry.accountId}::uuid, ${slot}::int,
    ${entry.at.toISOString()}::timestamptz(3), ${entry.operation}, ${entry.status}::int, ${entry.clientAddress},
    ${entry.userAgent}, ${Math.round(entry.latencyMs * 100) / 100}::float8, ${entry.requestId})`;

// The start of what the log shows: rows older than this are past their 7 days.
export function requestLogStart(at: Date = now()): Date {
  return new Date(at.getTime() - REQUEST_LOG_DAYS * 24 * 3600 * 1000);
}

// One index range (created_at) every 10 minutes of the server's clock, across accounts.
async function pruneRequestLogIfDue(): Promise<void> {
  const at = now().getTime();
  if (at - state.prunedAt < PRUNE_EVERY_MS && at >= state.prunedAt) return;
  state.prunedAt = at;
  await getUnscopedDb()
    .$executeRaw`DELETE FROM api_key_requests WHERE created_at < ${requestLogStart(new Date(at)).toISOString()}::timestamptz(3)`;
}
