import type { Granularity } from "@/lib/validations/usage";

// The portal's three views of usage, chosen by ?usage= in the page's address.
export const USAGE_PRESETS = {
  "24h": { granularity: "minute", label: "24 hours", period: "last 24 hours" },
  "30d": { granularity: "hour", label: "30 days", period: "last 30 days" },
  "12m": { granularity: "day", label: "12 months", period: "last 12 months" },
} as const satisfies Record<string, { granularity: Granularity; label: string; period: string }>;

export type UsagePreset = keyof typeof USAGE_PRESETS;

export function usagePresetOf(value: unknown): UsagePreset {
  return typeof value === "string" && value in USAGE_PRESETS ? (value as UsagePreset) : "24h";
}
