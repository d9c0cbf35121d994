import { describe, expect, it } from "vitest";
import { chartPoints, outcomeCount, pointCaption } from "@/lib/usage/chart-points";
import { OUTCOMES, type UsageBucket } from "@/lib/validations/usage";

function minute(i: number, requests: number, errors = 0): UsageBucket {
  const byOutcome = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as UsageBucket["byOutcome"];
  byOutcome["2xx"] = requests - errors;
  byOutcome["5xx"] = errors;
  return {
    start: new Date(Date.UTC(2026, 11, 6, 0, i)).toISOString(),
    requests,
    errors,
    averageLatencyMs: requests ? 5 : null,
    byOutcome,
  };
}

describe("chart points", () => {
  it("sums a day of minutes into at most 300 points and keeps every request", () => {
    const day = Array.from({ length: 1440 }, (_, i) => minute(i, i % 7, i % 7 === 6 ? 1 : 0));
    const chart = chartPoints(day, "minute");
    expect(chart.points.length).toBeLessThanOrEqual(300);
    expect(chart.bucketsPerPoint).toBe(5);
    expect(chart.points).toHaveLength(288);
    const total = (pick: (point: (typeof chart.points)[number]) => number) =>
      chart.points.reduce((sum, point) => sum + pick(point), 0);
    expect(total((point) => point[1])).toBe(day.reduce((sum, bucket) => sum + bucket.requests, 0));
    expect(total((point) => point[2])).toBe(day.reduce((sum, bucket) => sum + bucket.errors, 0));
    expect(total((point) => outcomeCount(point, "5xx"))).toBe(total((point) => point[2]));
    expect(chart.points[1][0]).toBe(Date.UTC(2026, 11, 6, 0, 5));
    expect(pointCaption(chart)).toBe("per 5 minutes");
  });

  it("leaves a short series as it is", () => {
    const chart = chartPoints([minute(0, 3, 1), minute(1, 0)], "minute");
    expect(chart.points).toEqual([
      [Date.UTC(2026, 11, 6, 0, 0), 3, 1, 2, 0, 0, 0, 0, 1],
      [Date.UTC(2026, 11, 6, 0, 1), 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(pointCaption(chart)).toBe("by minute");
  });
});
