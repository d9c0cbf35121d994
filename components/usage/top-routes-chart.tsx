"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Usage } from "@/lib/validations/usage";
import { axisProps, legendProps, tooltipProps } from "./chart-theme";

// The busiest operations, successes and errors side by side in one bar each.
export function TopRoutesChart({ routes }: { routes: Usage["topRoutes"] }) {
  const data = routes.map((route) => ({
    operation: route.operation,
    ok: route.requests - route.errors,
    errors: route.errors,
  }));
  return (
    <div
      aria-hidden="true"
      className="w-full"
      style={{ height: 48 + routes.length * 32 }}
      data-testid="top-routes-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          accessibilityLayer={false}
          data={data}
          layout="vertical"
          margin={{ top: 0, right: 8, bottom: 0, left: 8 }}
        >
          <CartesianGrid stroke="var(--border)" horizontal={false} />
          <XAxis type="number" {...axisProps} allowDecimals={false} />
          <YAxis type="category" dataKey="operation" {...axisProps} width={150} />
          <Tooltip {...tooltipProps} />
          <Legend {...legendProps} />
          <Bar dataKey="ok" name="2xx" stackId="route" fill="var(--chart-2xx)" isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" stackId="route" fill="var(--chart-5xx)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
