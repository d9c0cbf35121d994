import type { UsageView } from "@/lib/usage/view";
import { OUTCOMES } from "@/lib/validations/usage";
import { formatBucket, formatCount, formatPercent } from "./format";
import { OUTCOME_STYLE } from "./outcome-colors";

// The charts' data as plain tables, for screen readers and for exact figures. Only
// buckets with requests are listed.
const cell = "px-2 py-1 text-right tabular-nums";
const head = "px-2 py-1 text-right font-medium text-muted-foreground";

function TableBox({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-link hover:underline">{summary}</summary>
      {/* Focusable, so a keyboard can scroll it too. */}
      <div
        tabIndex={0}
        role="region"
        aria-label={summary}
        className="mt-2 max-h-72 overflow-auto rounded-md border border-border"
      >
        {children}
      </div>
    </details>
  );
}

export function RequestsTable({ usage }: { usage: UsageView }) {
  const rows = usage.bucketsWithRequests;
  return (
    <TableBox summary="Requests as a table">
      {rows.length === 0 ? (
        <p className="p-2 text-muted-foreground">No requests in this period.</p>
      ) : (
        <table className="w-full">
          <caption className="sr-only">Requests by outcome class per {usage.granularity} (UTC)</caption>
          <thead className="bg-muted">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium text-muted-foreground">
                Time (UTC)
              </th>
              {OUTCOMES.map((outcome) => (
                <th key={outcome} scope="col" className={head} title={OUTCOME_STYLE[outcome].label}>
                  {outcome}
                </th>
              ))}
              <th scope="col" className={head}>
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((bucket) => (
              <tr key={bucket.start} className="border-t border-border">
                <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                  {formatBucket(bucket.start, usage.granularity)}
                </th>
                {OUTCOMES.map((outcome) => (
                  <td key={outcome} className={cell}>
                    {formatCount(bucket.byOutcome[outcome])}
                  </td>
                ))}
                <td className={cell}>{formatCount(bucket.requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </TableBox>
  );
}

export function ErrorRateTable({ usage }: { usage: UsageView }) {
  const rows = usage.bucketsWithRequests;
  return (
    <TableBox summary="Error rate as a table">
      {rows.length === 0 ? (
        <p className="p-2 text-muted-foreground">No requests in this period.</p>
      ) : (
        <table className="w-full">
          <caption className="sr-only">Error rate per {usage.granularity} (UTC)</caption>
          <thead className="bg-muted">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium text-muted-foreground">
                Time (UTC)
              </th>
              <th scope="col" className={head}>
                Requests
              </th>
              <th scope="col" className={head}>
                Errors
              </th>
              <th scope="col" className={head}>
                Error rate
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((bucket) => (
              <tr key={bucket.start} className="border-t border-border">
                <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                  {formatBucket(bucket.start, usage.granularity)}
                </th>
                <td className={cell}>{formatCount(bucket.requests)}</td>
                <td className={cell}>{formatCount(bucket.errors)}</td>
                <td className={cell}>{formatPercent(bucket.errors / bucket.requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </TableBox>
  );
}

export function TopRoutesTable({ usage }: { usage: UsageView }) {
  return (
    <TableBox summary="Top routes as a table">
      <table className="w-full">
        <caption className="sr-only">The busiest operations in this period</caption>
        <thead className="bg-muted">
          <tr>
            <th scope="col" className="px-2 py-1 text-left font-medium text-muted-foreground">
              Operation
            </th>
            <th scope="col" className={head}>
              Requests
            </th>
            <th scope="col" className={head}>
              Error rate
            </th>
            <th scope="col" className={head}>
              Average
            </th>
          </tr>
        </thead>
        <tbody>
          {usage.topRoutes.map((route) => (
            <tr key={route.operation} className="border-t border-border">
              <th scope="row" className="px-2 py-1 text-left font-mono text-xs font-normal">
                {route.operation}
              </th>
              <td className={cell}>{formatCount(route.requests)}</td>
              <td className={cell}>{formatPercent(route.errorRate)}</td>
              <td className={cell}>{route.averageLatencyMs === null ? "–" : `${route.averageLatencyMs} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}
