import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { getUnscopedDb } from "@/lib/db";
import type { QuotaPeriod } from "@/lib/key-limits";
import { processSingleton } from "@/lib/process-singleton";
import { periodOf } from "./quota-period";
import { createLimiter } from "./store";

// A key's quota: N admitted requests per UTC day or month, refilled when the period
// starts (by lib/clock.ts, so tests can move time). One counter per key and period, in
// the shared store like the rate limits; a refused request is taken back out. In memory
// (the embedded database, one process) the count starts from the flushed usage of the
// period, so a restart doesn't refill the quota.
export type QuotaState = { limit: number; period: QuotaPeriod; used: number; remaining: number; resetsAt: Date };

const UNLIMITED = 2 ** 31 - 1;

function quotaStore() {
  return processSingleton("quota", () => ({
    limiter: createLimiter({ keyPrefix: "key-quota", points: UNLIMITED, durationSeconds: 24 * 3600 }),
    seeded: new Map<string, Promise<void>>(),
  }));
}

function counterOf(keyRowId: string, quota: { period: QuotaPeriod }, at: Date) {
  const { start, end } = periodOf(at, quota.period);
  // Kept an hour past the period's end, then the store forgets it.
  const seconds = Math.ceil((end.getTime() - at.getTime()) / 1000) + 3600;
  return { key: `${keyRowId}:${quota.period}:${start.toISOString()}`, start, end, seconds };
}

export async function takeFromQuota(
  keyRowId: string,
  quota: { limit: number; period: QuotaPeriod },
  at: Date,
): Promise<QuotaState & { admitted: boolean }> {
  const { limiter } = quotaStore();
  const counter = counterOf(keyRowId, quota, at);
  await seedFromUsage(keyRowId, counter);
  const result = await limiter.consume(counter.key, 1, { customDuration: counter.seconds });
  const admitted = result.consumedPoints <= quota.limit;
  if (!admitted) await limiter.reward(counter.key, 1, { customDuration: counter.seconds });
  const used = admitted ? result.consumedPoints : quota.limit;
  return { ...quota, used, remaining: quota.limit - used, resetsAt: counter.end, admitted };
}

// Without taking anything (the key's page, whoami after its own request was counted).
export async function quotaState(
  keyRowId: string,
  quota: { limit: number; period: QuotaPeriod },
  at: Date,
): Promise<QuotaState> {
  const { limiter } = quotaStore();
  const counter = counterOf(keyRowId, quota, at);
  await seedFromUsage(keyRowId, counter);
  const used = Math.min(quota.limit, (await limiter.get(counter.key).catch(() => null))?.consumedPoints ?? 0);
  return { ...quota, used, remaining: quota.limit - used, resetsAt: counter.end };
}

// The embedded database's counter lives in this process only: its first use in a period
// starts from the admitted requests already written to api_key_usage.
async function seedFromUsage(keyRowId: string, counter: { key: string; start: Date; seconds: number }) {
  const { limiter, seeded } = quotaStore();
  if (!(limiter instanceof RateLimiterMemory)) return;
  let seeding = seeded.get(counter.key);
  if (!seeding) {
    seeding = (async () => {
      // One key's rows by its internal id, for the limiter of the process serving it.
      const [row] = await getUnscopedDb().$queryRaw<{ used: number }[]>`
        SELECT coalesce(sum(count), 0)::float8 AS used FROM api_key_usage
        WHERE api_key_id = ${keyRowId}::uuid AND bucket_start >= ${counter.start.toISOString()}::timestamp(3)
          AND outcome <> '429'`;
      if (row.used > 0) await limiter.set(counter.key, row.used, counter.seconds);
    })();
    seeded.set(counter.key, seeding);
    seeding.catch(() => seeded.delete(counter.key));
  }
  await seeding;
}
