import type { Granularity } from "@/lib/validations/usage";

// Times in UTC, as the API reports them (the same text on the server and in the browser).
const formats: Record<Granularity, Intl.DateTimeFormat> = {
  minute: new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }),
  hour: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", timeZone: "UTC" }),
  day: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "2-digit", timeZone: "UTC" }),
};

export const formatBucket = (iso: string, granularity: Granularity) => formats[granularity].format(new Date(iso));
export const formatCount = (value: number) => value.toLocaleString("en-US");
export const formatPercent = (rate: number) =>
  `${(rate * 100).toLocaleString("en-US", { maximumFractionDigits: rate < 0.1 ? 2 : 1 })}%`;
