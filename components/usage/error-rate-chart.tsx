"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, gridProps, tooltipProps } from "./chart-theme";
import type { ChartPoints } from "@/lib/usage/chart-points";
import { formatBucket, formatPercent } from "./format";

// The share of requests that were not 2xx, per bucket (empty buckets leave a gap).
export function ErrorRateChart({ chart }: { chart: ChartPoints }) {
  const data = chart.points.map(([start, requests, errors]) => ({
    label: formatBucket(new Date(start).toISOString(), chart.granularity),
    rate: requests > 0 ? errors / requests : null,
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
