import { USAGE_PERIODS, type Granularity, type UsagePeriod } from "@/lib/validations/usage";

// The portal's views of usage, chosen by ?usage= in the page's address. `spanMs`: a span
// shorter than the granularity's default (lib/usage/range.ts).
export const USAGE_PRESETS = {
  "1h": { granularity: "minute", label: "1 hour", period: "last hour", spanMs: 3_600_000 },
  "24h": { granularity: "minute", label: "24 hours", period: "last 24 hours" },
  "30d": { granularity: "hour", label: "30 days", period: "last 30 days" },
  "12m": { granularity: "day", label: "12 months", period: "last 12 months" },
} as const satisfies Record<UsagePeriod, { granularity: Granularity; label: string; period: string; spanMs?: number }>;

export type UsagePreset = UsagePeriod;

// `fallback`: the view when the address names none (the last hour for a key younger than a
// day, whose requests would be a sliver at the edge of 24 hours).
export function usagePresetOf(value: unknown, fallback: UsagePreset = "24h"): UsagePreset {
  // Own periods only: `in` would also take "toString" from the object's prototype.
  return USAGE_PERIODS.includes(value as UsagePreset) ? (value as UsagePreset) : fallback;
}

// The usage query of a view, read at `at`.
export function usageQueryOf(preset: UsagePreset, at: Date) {
  const view: { granularity: Granularity; spanMs?: number } = USAGE_PRESETS[preset];
  return {
    granularity: view.granularity,
    ...(view.spanMs ? { from: new Date(at.getTime() - view.spanMs).toISOString() } : {}),
  };
}
