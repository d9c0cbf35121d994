"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OUTCOMES, type UsageBucket } from "@/lib/validations/usage";
import type { Granularity } from "@/lib/validations/usage";
import { axisProps, gridProps, legendProps, tooltipProps } from "./chart-theme";
import { formatBucket } from "./format";
import { OUTCOME_STYLE } from "./outcome-colors";

// Requests over time, stacked by outcome class. The table beside it says the same in text.
export function RequestsChart({ series, granularity }: { series: UsageBucket[]; granularity: Granularity }) {
  const data = series.map((bucket) => ({ label: formatBucket(bucket.start, granularity), ...bucket.byOutcome }));
  return (
    <div aria-hidden="true" className="h-64 w-full" data-testid="requests-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid {...gridProps} />
          <XAxis dataKey="label" {...axisProps} minTickGap={32} />
          <YAxis {...axisProps} allowDecimals={false} />
          <Tooltip {...tooltipProps} />
          <Legend {...legendProps} />
          {OUTCOMES.map((outcome) => (
            <Area
              key={outcome}
              type="step"
              dataKey={outcome}
              name={OUTCOME_STYLE[outcome].label}
              stackId="requests"
              // No outline: a class with no requests would draw its colour over the others'.
              stroke="none"
              fill={OUTCOME_STYLE[outcome].color}
              fillOpacity={0.9}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
