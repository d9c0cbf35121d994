"use client";

import { useMemo } from "react";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { useListState } from "@/components/ui/use-list-state";

export type ListColumn = { key: string; label: string; mono?: boolean };
type Row = Record<string, string>;

// A read-only, server-paged list of one of the account's resources.
export function ResourceList({
  columns,
  rows,
  total,
  page,
  pageSize,
  empty,
}: {
  columns: ListColumn[];
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
  empty: string;
}) {
  const list = useListState({ page, pageSize, q: "", sort: "createdAt", dir: "asc" });
  const defs = useMemo<DataColumn<Row>[]>(
    () =>
      columns.map((column) => ({
        id: column.key,
        header: column.label,
        cell: ({ row }) => (
          <span className={column.mono ? "font-mono text-xs" : undefined}>{row.original[column.key]}</span>
        ),
      })),
    [columns],
  );
  if (total === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-500">
        {empty}
      </p>
    );
  }
  return (
    <div className={list.pending ? "opacity-60" : undefined}>
      <DataTable columns={defs} rows={rows} rowId={(row) => row.id} />
      <Pagination list={list} total={total} />
    </div>
  );
}
