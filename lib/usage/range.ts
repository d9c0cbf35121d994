import { fieldError } from "@/lib/errors";
import type { Granularity, UsageQuery } from "@/lib/validations/usage";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const BUCKET_MS: Record<Granularity, number> = { minute: MINUTE, hour: HOUR, day: DAY };
// The default span of each granularity: 24 h by minute, 30 days by hour, 12 months by day.
export const DEFAULT_SPAN_MS: Record<Granularity, number> = { minute: DAY, hour: 30 * DAY, day: 365 * DAY };
export const MAX_BUCKETS = 1500;

export type UsageRange = { from: Date; to: Date; granularity: Granularity; buckets: number };

// Whole buckets (UTC), ending with the one that holds `to`; at most MAX_BUCKETS of them.
export function resolveRange(query: UsageQuery, at: Date): UsageRange {
  const size = BUCKET_MS[query.granularity];
  const toMs = query.to ? Date.parse(query.to) : at.getTime();
  const end = Math.ceil(toMs / size) * size;
  const fromMs = query.from ? Date.parse(query.from) : end - DEFAULT_SPAN_MS[query.granularity];
  const start = Math.floor(fromMs / size) * size;
  const buckets = Math.max(1, (end - start) / size);
  if (buckets > MAX_BUCKETS) {
    throw fieldError(
      "from",
      `At most ${MAX_BUCKETS.toLocaleString("en-US")} ${query.granularity}s at once; shorten the range or choose a coarser granularity.`,
    );
  }
  return { from: new Date(start), to: new Date(start + buckets * size), granularity: query.granularity, buckets };
}
