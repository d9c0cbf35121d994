import type { Usage, UsageBucket } from "@/lib/validations/usage";
import { chartPoints, type ChartPoints } from "./chart-points";

// What a usage panel shows, sized to it: the totals and busiest routes as read, the series
// as chart points (at most MAX_POINTS) and, for the tables beside the charts, only the
// buckets that had requests. A day by minute is 1,440 buckets, most of them usually empty.
export type UsageView = Omit<Usage, "series"> & { chart: ChartPoints; bucketsWithRequests: UsageBucket[] };

export function usageViewOf({ series, ...usage }: Usage): UsageView {
  return {
    ...usage,
    chart: chartPoints(series, usage.granularity),
    bucketsWithRequests: series.filter((bucket) => bucket.requests > 0),
  };
}
