import type { QuotaPeriod } from "@/lib/key-limits";

// The UTC day or month that holds `at`: a quota refills at its start.
export function periodOf(at: Date, period: QuotaPeriod): { start: Date; end: Date } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  if (period === "month") return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
  const d = at.getUTCDate();
  return { start: new Date(Date.UTC(y, m, d)), end: new Date(Date.UTC(y, m, d + 1)) };
}
