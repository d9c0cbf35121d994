import Link from "next/link";
import { cn } from "@/lib/cn";
import { USAGE_PRESETS, type UsagePreset } from "@/lib/usage/presets";
import { pointCaption } from "@/lib/usage/chart-points";
import type { UsageView } from "@/lib/usage/view";
import { ErrorRateChart } from "./error-rate-chart";
import { formatCount, formatPercent } from "./format";
import { RequestsChart } from "./requests-chart";
import { TopRoutesChart } from "./top-routes-chart";
import { ErrorRateTable, RequestsTable, TopRoutesTable } from "./usage-tables";

// Usage of one key or of the whole account: the period links, the totals, then each
// chart with its table. The key's page renders it on the server; the keys page in the
// browser, once its data has come (account-usage.tsx). `busy`: another period is loading.
export function UsagePanel({
  usage,
  preset,
  busy = false,
  hrefFor,
  title = "Usage",
  idle,
}: {
  usage: UsageView;
  preset: UsagePreset;
  busy?: boolean;
  hrefFor: (preset: UsagePreset) => string;
  title?: string;
  // Said instead of drawing all-zero charts when there were no requests in the period.
  idle: string;
}) {
  const { totals, chart } = usage;
  const caption = `${USAGE_PRESETS[preset].period}, ${pointCaption(chart)}`;
  return (
    <section
      aria-labelledby="usage-heading"
      aria-busy={busy || undefined}
      className={cn("rounded-lg border border-border bg-card p-4", busy && "opacity-60 transition-opacity")}
      id="usage"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="usage-heading" className="text-base font-semibold text-foreground">
          {title}
        </h2>
        <nav aria-label="Usage period" className="flex gap-0.5 rounded-md bg-badge p-1 text-sm sm:gap-1">
          {(Object.keys(USAGE_PRESETS) as UsagePreset[]).map((key) => (
            <Link
              key={key}
              href={hrefFor(key)}
              scroll={false}
              aria-current={key === preset ? "page" : undefined}
              className={cn(
                "rounded px-2 py-1 font-medium whitespace-nowrap sm:px-2.5",
                key === preset ? "bg-card text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
              )}
            >
              {USAGE_PRESETS[key].label}
            </Link>
          ))}
        </nav>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <Figure label="Requests" value={formatCount(totals.requests)} />
        <Figure label="Error rate" value={formatPercent(totals.errorRate)} />
        <Figure label="Rate limited (429)" value={formatCount(totals.byOutcome["429"])} />
        <Figure label="Average time" value={totals.averageLatencyMs === null ? "–" : `${totals.averageLatencyMs} ms`} />
      </dl>
      <p className="mt-2 text-xs text-muted-foreground">
        Times in UTC. Counted every 5 seconds, so the latest requests may take that long to appear.
      </p>
      {totals.requests === 0 ? (
        <p
          data-testid="usage-idle"
          className="mt-4 rounded-lg border border-dashed border-border p-8 text-center text-sm text-muted-foreground"
        >
          {idle}
        </p>
      ) : (
        <div className="mt-4 grid gap-6">
          <figure className="min-w-0">
            <figcaption className="mb-2 text-sm font-medium">Requests by outcome, {caption}</figcaption>
            <RequestsChart chart={chart} />
            <RequestsTable usage={usage} />
          </figure>
          <div className="grid min-w-0 gap-6 lg:grid-cols-2">
            <figure className="min-w-0">
              <figcaption className="mb-2 text-sm font-medium">Error rate (every outcome but 2xx)</figcaption>
              <ErrorRateChart chart={chart} />
              <ErrorRateTable usage={usage} />
            </figure>
            <figure className="min-w-0">
              <figcaption className="mb-2 text-sm font-medium">Top routes</figcaption>
              {usage.topRoutes.length === 0 ? (
                <p className="text-sm text-muted-foreground">No requests in this period.</p>
              ) : (
                <>
                  <TopRoutesChart routes={usage.topRoutes} />
                  <TopRoutesTable usage={usage} />
                </>
              )}
            </figure>
          </div>
        </div>
      )}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-muted px-3 py-2">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-base font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
