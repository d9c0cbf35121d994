import { OUTCOMES, type Granularity, type Outcome, type UsageBucket } from "@/lib/validations/usage";

// What the charts draw, sized to them: at most MAX_POINTS points (neighbouring buckets
// summed), each a short array, so the page carries a few KB of chart data instead of one
// object per minute of the day (the tables beside the charts keep every bucket).
export const MAX_POINTS = 300;

// [start (ms since 1970), requests, errors, then the requests of each outcome in OUTCOMES order]
export type ChartPoint = [start: number, requests: number, errors: number, ...byOutcome: number[]];
export type ChartPoints = { points: ChartPoint[]; granularity: Granularity; bucketsPerPoint: number };

export function chartPoints(series: UsageBucket[], granularity: Granularity, maxPoints = MAX_POINTS): ChartPoints {
  const bucketsPerPoint = Math.max(1, Math.ceil(series.length / maxPoints));
  const points: ChartPoint[] = [];
  for (let i = 0; i < series.length; i += bucketsPerPoint) {
    const group = series.slice(i, i + bucketsPerPoint);
    const sum = (value: (bucket: UsageBucket) => number) => group.reduce((total, bucket) => total + value(bucket), 0);
    points.push([
      Date.parse(group[0].start),
      sum((bucket) => bucket.requests),
      sum((bucket) => bucket.errors),
      ...OUTCOMES.map((outcome) => sum((bucket) => bucket.byOutcome[outcome])),
    ]);
  }
  return { points, granularity, bucketsPerPoint };
}

export const outcomeCount = (point: ChartPoint, outcome: Outcome) => point[3 + OUTCOMES.indexOf(outcome)];

// "by minute", or "per 5 minutes" once buckets are summed.
export function pointCaption({ granularity, bucketsPerPoint }: ChartPoints): string {
  if (bucketsPerPoint === 1) return `by ${granularity}`;
  return `per ${bucketsPerPoint} ${granularity}s`;
}
