"use client";

import { useMemo } from "react";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { FilterBox } from "@/components/ui/filter-box";
import { Pagination } from "@/components/ui/pagination";
import { useListState } from "@/components/ui/use-list-state";
import { cn } from "@/lib/cn";

// `width` is a width class for the column (e.g. "w-32"); columns without one share the rest.
export type ListColumn = { key: string; label: string; mono?: boolean; width?: string };
type Row = Record<string, string>;

// A read-only, server-paged list of one of the account's resources, searched on the
// server when the resource has a search (`searchLabel`).
export function ResourceList({
  label,
  columns,
  rows,
  total,
  totalCapped,
  page,
  pageSize,
  q,
  searchLabel,
  empty,
}: {
  label: string;
  columns: ListColumn[];
  rows: Row[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  q: string;
  searchLabel?: string;
  empty: string;
}) {
  const list = useListState({ page, pageSize, q, sort: "createdAt", dir: "asc" });
  const defs = useMemo<DataColumn<Row>[]>(
    () =>
      columns.map((column, index) => ({
        id: column.key,
        header: column.label,
        meta: { width: column.width },
        cell: ({ row }) => (
          <span
            title={row.original[column.key]}
            className={cn(column.mono && "font-mono text-xs", index === 0 && "font-medium text-foreground")}
          >
            {row.original[column.key]}
          </span>
        ),
      })),
    [columns],
  );
  if (total === 0 && !q) {
    return (
      <p className="rounded-lg border border-dashed border-border bg-card p-10 text-center text-sm text-muted-foreground">
        {empty}
      </p>
    );
  }
  return (
    <div className="space-y-4">
      {searchLabel ? <FilterBox list={list} label={searchLabel} /> : null}
      {total === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-card p-8 text-center text-sm [overflow-wrap:anywhere] text-muted-foreground">
          Nothing matches “{q}”.
        </p>
      ) : (
        <div className={list.pending ? "opacity-60 transition-opacity" : undefined}>
          <DataTable label={label} columns={defs} rows={rows} rowId={(row) => row.id} minWidth="min-w-[44rem]" />
          <Pagination list={list} total={total} totalCapped={totalCapped} />
        </div>
      )}
    </div>
  );
}
