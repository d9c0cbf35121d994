"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageBucket } from "@/lib/validations/usage";
import type { Granularity } from "@/lib/validations/usage";
import { axisProps, gridProps, tooltipProps } from "./chart-theme";
import { formatBucket, formatPercent } from "./format";

// The share of requests that were not 2xx, per bucket (empty buckets leave a gap).
export function ErrorRateChart({ series, granularity }: { series: UsageBucket[]; granularity: Granularity }) {
  const data = series.map((bucket) => ({
    label: formatBucket(bucket.start, granularity),
    rate: bucket.requests > 0 ? bucket.errors / bucket.requests : null,
  }));
  return (
    <div aria-hidden="true" className="h-40 w-full" data-testid="error-rate-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid {...gridProps} />
          <XAxis dataKey="label" {...axisProps} minTickGap={32} />
          <YAxis {...axisProps} domain={[0, 1]} tickFormatter={(value: number) => formatPercent(value)} />
          <Tooltip {...tooltipProps} formatter={(value) => [formatPercent(Number(value)), "Error rate"]} />
          <Line
            type="linear"
            dataKey="rate"
            stroke="var(--chart-line)"
            strokeWidth={2}
            dot={{ r: 2, fill: "var(--chart-line)", strokeWidth: 0 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
