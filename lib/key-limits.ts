// A key's own limits, read with the key and cached with it, so checking them costs no
// query: requests per second and per minute, and a quota per UTC day or month.
export type QuotaPeriod = "day" | "month";
export type KeyLimits = {
  perSecond: number | null;
  perMinute: number | null;
  quota: { limit: number; period: QuotaPeriod } | null;
};

export const keyLimitsSelect = {
  rateLimitPerSecond: true,
  rateLimitPerMinute: true,
  quotaLimit: true,
  quotaPeriod: true,
} as const;

export type KeyLimitsRow = {
  rateLimitPerSecond: number | null;
  rateLimitPerMinute: number | null;
  quotaLimit: number | null;
  quotaPeriod: QuotaPeriod | null;
};

// null when the key has no limit at all: the request path then skips the limiter.
export function toKeyLimits(row: Partial<KeyLimitsRow>): KeyLimits | null {
  const quota = row.quotaLimit && row.quotaPeriod ? { limit: row.quotaLimit, period: row.quotaPeriod } : null;
  const perSecond = row.rateLimitPerSecond ?? null;
  const perMinute = row.rateLimitPerMinute ?? null;
  if (!perSecond && !perMinute && !quota) return null;
  return { perSecond, perMinute, quota };
}
