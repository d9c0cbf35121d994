"use client";

import { Download } from "lucide-react";
import { useMemo, useState } from "react";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { useListState } from "@/components/ui/use-list-state";
import { formatDate } from "@/lib/format-date";
import { REQUEST_STATUS_FILTERS, type ApiKeyRequestJson, type RequestLogFilters } from "@/lib/validations/request-log";

const ALL = "all";

type Props = {
  keyId: string;
  requests: ApiKeyRequestJson[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  filters: RequestLogFilters;
  // How many of a key's newest requests are kept (REQUEST_LOG_PER_KEY).
  keptPerKey: number;
};

// The key's request log (7 days, its newest keptPerKey): search, a status filter, CSV export.
export function KeyRequests({ keyId, requests, total, totalCapped, page, pageSize, filters, keptPerKey }: Props) {
  const list = useListState({ page, pageSize, q: filters.q ?? "", sort: "createdAt", dir: "desc" });
  const [q, setQ] = useState(filters.q ?? "");
  const status = filters.status === undefined ? "" : String(filters.status);
  const filtered = Boolean(filters.q || status);
  const exportHref = `/api-keys/${keyId}/requests/export?${new URLSearchParams(
    Object.entries({ q: filters.q ?? "", status }).filter((entry) => Boolean(entry[1])),
  )}`;
  const columns = useMemo<DataColumn<ApiKeyRequestJson>[]>(
    () => [
      {
        id: "time",
        meta: { width: "w-48" },
        header: "Time (UTC)",
        cell: ({ row }) => (
          <time dateTime={row.original.createdAt} className="whitespace-nowrap">
            {formatDate(row.original.createdAt, true).replace(/ UTC$/, "")}
          </time>
        ),
      },
      {
        id: "operation",
        header: "Operation",
        cell: ({ row }) => <code className="font-mono text-xs">{row.original.operation}</code>,
      },
      {
        id: "status",
        meta: { width: "w-20" },
        header: "Status",
        cell: ({ row }) => (
          <span
            className={
              row.original.status >= 400 ? "font-medium text-destructive-foreground" : "text-success-foreground"
            }
          >
            {row.original.status}
          </span>
        ),
      },
      {
        id: "client",
        header: "Client",
        cell: ({ row }) => (
          <span className="block max-w-64 truncate" title={row.original.userAgent ?? undefined}>
            <span className="font-mono text-xs">{row.original.clientAddress ?? "—"}</span>
            <span className="block truncate text-xs text-muted-foreground">{row.original.userAgent ?? "—"}</span>
          </span>
        ),
      },
      {
        id: "latency",
        meta: { width: "w-24" },
        header: "Latency",
        cell: ({ row }) => <span className="whitespace-nowrap">{Math.round(row.original.latencyMs)} ms</span>,
      },
      {
        id: "requestId",
        header: "Request ID",
        cell: ({ row }) => (
          <code className="block max-w-48 truncate font-mono text-xs" title={row.original.requestId}>
            {row.original.requestId}
          </code>
        ),
      },
    ],
    [],
  );
  return (
    <section aria-labelledby="key-requests" className={list.pending ? "space-y-3 opacity-60" : "space-y-3"}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="key-requests" className="text-base font-semibold text-foreground">
            Requests
          </h2>
          <p className="text-sm text-muted-foreground">
            The last 7 days, at most {keptPerKey.toLocaleString("en-US")}; up to 5 seconds late.
          </p>
        </div>
        <a
          href={exportHref}
          download
          className="inline-flex h-8 items-center gap-2 rounded-md border border-input bg-card px-3 text-sm font-medium text-foreground shadow-xs hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
        >
          <Download className="h-4 w-4" aria-hidden /> Export CSV
        </a>
      </div>
      <form
        role="search"
        aria-label="Filter the requests"
        className="grid gap-3 sm:grid-cols-3"
        onSubmit={(event) => {
          event.preventDefault();
          list.update({ q, page: 1 });
        }}
      >
        <label className="text-xs font-medium text-muted-foreground sm:col-span-2">
          Search
          <Input
            className="mt-1"
            type="search"
            value={q}
            placeholder="Operation, address, user agent or request ID"
            onChange={(event) => setQ(event.target.value)}
            onBlur={() => q !== (filters.q ?? "") && list.update({ q, page: 1 })}
          />
        </label>
        <div className="text-xs font-medium text-muted-foreground">
          <label htmlFor="request-status">Status</label>
          <div className="mt-1">
            <Select
              id="request-status"
              value={status || ALL}
              onValueChange={(value) => list.update({ status: value === ALL ? "" : value, page: 1 })}
              options={[
                { value: ALL, label: "All statuses" },
                ...REQUEST_STATUS_FILTERS.map((value) => ({ value, label: value })),
                ...(status && !(REQUEST_STATUS_FILTERS as readonly string[]).includes(status)
                  ? [{ value: status, label: status }]
                  : []),
              ]}
            />
          </div>
        </div>
      </form>
      {total === 0 ? (
        <p className="rounded-lg border border-dashed border-input bg-card p-8 text-center text-sm text-muted-foreground">
          {filtered ? "No requests match these filters." : "No requests in the last 7 days."}
        </p>
      ) : (
        <>
          <DataTable
            label="Requests"
            minWidth="min-w-[56rem]"
            columns={columns}
            rows={requests}
            rowId={(row) => row.id}
          />
          <Pagination list={list} total={total} totalCapped={totalCapped} />
        </>
      )}
    </section>
  );
}
