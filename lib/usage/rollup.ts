import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { processSingleton } from "@/lib/process-singleton";

// Minute buckets become hour buckets after 48 h, hours become days after 30 days, and
// days are kept 400 days. Each step moves rows in one statement (DELETE … RETURNING into
// INSERT … ON CONFLICT), so two instances rolling up at once never count a row twice: a
// row is deleted, and so added, by one of them only.
export const MINUTES_KEPT_HOURS = 48;
export const HOURS_KEPT_DAYS = 30;
export const DAYS_KEPT = 400;
const ROLLUP_EVERY_MS = 10 * 60 * 1000;

const rollup = processSingleton("usageRollup", () => ({ lastAt: 0 }));

// Called after each flush; rolls up at most every 10 minutes of the server's clock.
export async function rollUpUsageIfDue(): Promise<void> {
  const at = now().getTime();
  const last = rollup.lastAt;
  if (at - last < ROLLUP_EVERY_MS && at >= last) return;
  rollup.lastAt = at;
  await rollUpUsage(new Date(at));
}

export async function rollUpUsage(at: Date): Promise<void> {
  const hour = 3600 * 1000;
  const minutesBefore = new Date(Math.floor((at.getTime() - MINUTES_KEPT_HOURS * hour) / hour) * hour);
  const day = 24 * hour;
  const hoursBefore = new Date(Math.floor((at.getTime() - HOURS_KEPT_DAYS * day) / day) * day);
  await move("minute", "hour", minutesBefore);
  await move("hour", "day", hoursBefore);
  await getUnscopedDb()
    .$executeRaw`DELETE FROM api_key_usage WHERE granularity = 'day' AND bucket_start < ${new Date(at.getTime() - DAYS_KEPT * day).toISOString()}::timestamp(3)`;
}

// Rows of every account: cross-account maintenance, hence the unscoped client.
async function move(from: "minute" | "hour", to: "hour" | "day", before: Date): Promise<void> {
  await getUnscopedDb().$executeRawUnsafe(
    `WITH moved AS (
       DELETE FROM api_key_usage WHERE granularity = '${from}' AND bucket_start < $1::timestamp(3)
       RETURNING api_key_id, account_id, bucket_start, operation, outcome, count, latency_ms
     )
     INSERT INTO api_key_usage (api_key_id, account_id, granularity, bucket_start, operation, outcome, count, latency_ms)
     SELECT api_key_id, account_id, '${to}'::"UsageGranularity", date_trunc('${to}', bucket_start), operation, outcome,
            sum(count), sum(latency_ms)
     FROM moved GROUP BY api_key_id, account_id, date_trunc('${to}', bucket_start), operation, outcome
     ON CONFLICT (api_key_id, granularity, bucket_start, operation, outcome) DO UPDATE
     SET count = api_key_usage.count + excluded.count, latency_ms = api_key_usage.latency_ms + excluded.latency_ms`,
    before.toISOString(),
  );
}
