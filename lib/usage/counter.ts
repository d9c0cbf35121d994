import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { processSingleton } from "@/lib/process-singleton";
import { outcomeOf } from "./outcome";
import { rollUpUsageIfDue } from "./rollup";

// Usage costs no database write per request: each request adds to a counter in memory,
// and every FLUSH_INTERVAL_MS (and at shutdown) all counters are added to api_key_usage
// in one statement. ON CONFLICT adds to the row, so any number of instances add up.
export const USAGE_PRECISION_SECONDS = 5;
const FLUSH_INTERVAL_MS = USAGE_PRECISION_SECONDS * 1000;
// Parameters per statement stay far below PostgreSQL's 65,535.
const ROWS_PER_STATEMENT = 5000;

type Cell = {
  apiKeyId: string;
  accountId: string;
  minute: number;
  operation: string;
  outcome: string;
  count: number;
  latencyMs: number;
};
type UsageState = { pending: Map<string, Cell>; timer?: NodeJS.Timeout };
const state = processSingleton<UsageState>("usage", () => ({ pending: new Map() }));

export type Use = { apiKeyId: string; accountId: string; operation: string; status: number; latencyMs: number };

export function countRequest(use: Use): void {
  const minute = Math.floor(now().getTime() / 60_000) * 60_000;
  const outcome = outcomeOf(use.status);
  const id = `${use.apiKeyId} ${minute} ${use.operation} ${outcome}`;
  const cell = state.pending.get(id);
  if (cell) {
    cell.count += 1;
    cell.latencyMs += use.latencyMs;
  } else {
    state.pending.set(id, { ...use, minute, outcome, count: 1 });
  }
  if (!state.timer) {
    state.timer = setInterval(
      () =>
        void flushUsage()
          .then(rollUpUsageIfDue)
          .catch(() => {}),
      FLUSH_INTERVAL_MS,
    );
    state.timer.unref();
  }
}

export async function flushUsage(): Promise<void> {
  if (state.pending.size === 0) return;
  const batch = [...state.pending.values()];
  state.pending.clear();
  let written = 0;
  try {
    for (; written < batch.length; written += ROWS_PER_STATEMENT) {
      await addToDatabase(batch.slice(written, written + ROWS_PER_STATEMENT));
    }
  } catch (error) {
    // The counts not written go back and are added at the next flush (database down).
    for (const cell of batch.slice(written)) putBack(cell);
    throw error;
  }
}

function putBack(cell: Cell): void {
  const id = `${cell.apiKeyId} ${cell.minute} ${cell.operation} ${cell.outcome}`;
  const pending = state.pending.get(id);
  if (!pending) return void state.pending.set(id, cell);
  pending.count += cell.count;
  pending.latencyMs += cell.latencyMs;
}

// Keys of every account in one statement: this is cross-account batch work.
async function addToDatabase(cells: Cell[]): Promise<void> {
  const rows = cells.map(
    (cell) =>
      Prisma.sql`(${cell.apiKeyId}::uuid, ${cell.accountId}::uuid, 'minute'::"UsageGranularity", ${new Date(cell.minute).toISOString()}::timestamp(3), ${cell.operation}, ${cell.outcome}, ${cell.count}::bigint, ${cell.latencyMs}::float8)`,
  );
  await getUnscopedDb().$executeRaw`
    INSERT INTO api_key_usage (api_key_id, account_id, granularity, bucket_start, operation, outcome, count, latency_ms)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (api_key_id, granularity, bucket_start, operation, outcome) DO UPDATE
    SET count = api_key_usage.count + excluded.count, latency_ms = api_key_usage.latency_ms + excluded.latency_ms`;
}
