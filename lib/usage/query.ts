import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isError } from "./outcome";
import { BUCKET_MS, type UsageRange } from "./range";
import { OUTCOMES, type Outcome, type Usage, type UsageBucket } from "@/lib/validations/usage";

const TOP_ROUTES = 10;

type SeriesRow = { t: number; outcome: string; count: number; latency: number };
type RouteRow = { operation: string; requests: number; errors: number; latency: number };

// A key's internal id by its Key ID, in this account only (a wrong id is a 404).
export async function keyRowIdOf(accountId: string, keyId: string): Promise<string> {
  const key = await getDb().apiKey.findFirst({ where: { keyId, accountId, deletedAt: null }, select: { id: true } });
  if (!key) throw new AppError("not_found", "No API key with this Key ID.");
  return key.id;
}

// Usage of one key (keyRowId) or of the whole account (null). Raw SQL for date_trunc, so
// the account filter is written here in every statement rather than by the tenant guard.
// Buckets of any stored granularity are summed into the asked one; a range older than
// the finer buckets are kept shows the coarser buckets they were rolled up into.
export async function readUsage(
  accountId: string,
  key: { rowId: string; keyId: string } | null,
  range: UsageRange,
): Promise<Usage> {
  const where = Prisma.sql`account_id = ${accountId}::uuid
    ${key ? Prisma.sql`AND api_key_id = ${key.rowId}::uuid` : Prisma.empty}
    AND bucket_start >= ${range.from.toISOString()}::timestamp(3) AND bucket_start < ${range.to.toISOString()}::timestamp(3)`;
  const db = getDb(accountId);
  const [seriesRows, routeRows] = await Promise.all([
    db.$queryRaw<SeriesRow[]>`
      SELECT (extract(epoch FROM date_trunc(${range.granularity}::text, bucket_start)) * 1000)::float8 AS t, outcome,
             sum(count)::float8 AS count, sum(latency_ms)::float8 AS latency
      FROM api_key_usage WHERE ${where} GROUP BY 1, 2`,
    db.$queryRaw<RouteRow[]>`
      SELECT operation, sum(count)::float8 AS requests,
             coalesce(sum(count) FILTER (WHERE outcome <> '2xx'), 0)::float8 AS errors, sum(latency_ms)::float8 AS latency
      FROM api_key_usage WHERE ${where} GROUP BY operation ORDER BY requests DESC, operation LIMIT ${TOP_ROUTES}`,
  ]);
  const series = emptySeries(range);
  const total = emptyBucket(range.from);
  let latency = 0;
  for (const row of seriesRows) {
    const bucket = series[Math.floor((row.t - range.from.getTime()) / BUCKET_MS[range.granularity])];
    if (!bucket) continue;
    for (const target of [bucket, total]) add(target, row.outcome as Outcome, row.count);
    bucket.averageLatencyMs = (bucket.averageLatencyMs ?? 0) + row.latency;
    latency += row.latency;
  }
  for (const bucket of series) bucket.averageLatencyMs = average(bucket.averageLatencyMs ?? 0, bucket.requests);
  return {
    keyId: key?.keyId ?? null,
    granularity: range.granularity,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    totals: {
      requests: total.requests,
      errors: total.errors,
      errorRate: rate(total.errors, total.requests),
      averageLatencyMs: average(latency, total.requests),
      byOutcome: total.byOutcome,
    },
    series,
    topRoutes: routeRows.map((row) => ({
      operation: row.operation,
      requests: row.requests,
      errors: row.errors,
      errorRate: rate(row.errors, row.requests),
      averageLatencyMs: average(row.latency, row.requests),
    })),
  };
}

function emptyBucket(start: Date): UsageBucket {
  const byOutcome = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as UsageBucket["byOutcome"];
  return { start: start.toISOString(), requests: 0, errors: 0, averageLatencyMs: null, byOutcome };
}

function emptySeries(range: UsageRange): UsageBucket[] {
  const size = BUCKET_MS[range.granularity];
  return Array.from({ length: range.buckets }, (_, i) => emptyBucket(new Date(range.from.getTime() + i * size)));
}

function add(bucket: UsageBucket, outcome: Outcome, count: number): void {
  if (!(outcome in bucket.byOutcome)) return;
  bucket.byOutcome[outcome] += count;
  bucket.requests += count;
  if (isError(outcome)) bucket.errors += count;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const average = (sum: number, count: number) => (count > 0 ? Math.round((sum / count) * 100) / 100 : null);
