"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OUTCOMES } from "@/lib/validations/usage";
import { axisProps, gridProps, legendProps, tooltipProps } from "./chart-theme";
import { outcomeCount, type ChartPoints } from "@/lib/usage/chart-points";
import { formatBucket } from "./format";
import { OUTCOME_STYLE } from "./outcome-colors";

// Requests over time, stacked by outcome class. The table beside it says the same in text.
export function RequestsChart({ chart }: { chart: ChartPoints }) {
  const data = chart.points.map((point) => ({
    label: formatBucket(new Date(point[0]).toISOString(), chart.granularity),
    ...Object.fromEntries(OUTCOMES.map((outcome) => [outcome, outcomeCount(point, outcome)])),
  }));
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
