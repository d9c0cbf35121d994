// recharts' axes, grid and tooltip in the portal's tokens (app/globals.css), so the charts
// follow the light and dark themes.
export const axisProps = {
  stroke: "var(--border)",
  tick: { fill: "var(--muted-foreground)", fontSize: 12 },
  tickLine: false,
} as const;

export const gridProps = { stroke: "var(--border)", vertical: false } as const;

export const tooltipProps = {
  contentStyle: {
    background: "var(--card)",
    border: "1px solid var(--border)",
    borderRadius: 6,
    color: "var(--foreground)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--foreground)", fontWeight: 600 },
  cursor: { fill: "var(--muted)", stroke: "var(--border)" },
} as const;

export const legendProps = { wrapperStyle: { fontSize: 12, color: "var(--muted-foreground)" } } as const;
