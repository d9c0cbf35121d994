"use client";

import { rowPaginationFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useMemo } from "react";
import { Table, Td, Th } from "@/components/ui/table";
import { KeyActions } from "./key-actions";
import { CopyButton } from "./copy-button";
import { formatDate, formatRelative } from "./format-date";
import type { KeyRow, RoleChoice } from "./types";
import type { ListState } from "./use-list-state";

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });

// Sorting and paging happen in the database; the table reflects the URL's state.
export function ApiKeysTable({
  rows,
  total,
  roles,
  canWrite,
  list,
}: {
  rows: KeyRow[];
  total: number;
  roles: RoleChoice[];
  canWrite: boolean;
  list: ListState;
}) {
  const columns = useMemo<ColumnDef<typeof features, KeyRow>[]>(
    () => [
      { id: "name", accessorKey: "name", header: "Name", cell: (info) => <span className="font-medium text-slate-900">{info.row.original.name}</span> },
      {
        id: "keyId",
        header: "Key ID",
        enableSorting: false,
        cell: (info) => (
          <span className="inline-flex items-center gap-1">
            <code className="font-mono text-xs text-slate-700">{info.row.original.keyId}</code>
            <CopyButton value={info.row.original.keyId} label={`Copy Key ID of ${info.row.original.name}`} subtle />
          </span>
        ),
      },
      { id: "start", header: "Key", enableSorting: false, cell: (info) => <code className="font-mono text-xs text-slate-500">{info.row.original.start}…</code> },
      { id: "role", header: "Role", enableSorting: false, cell: (info) => <RoleBadge name={info.row.original.role.name} /> },
      { id: "createdAt", accessorKey: "createdAt", header: "Created", cell: (info) => <time dateTime={info.row.original.createdAt}>{formatDate(info.row.original.createdAt)}</time> },
      {
        id: "lastUsedAt",
        accessorKey: "lastUsedAt",
        header: "Last used",
        cell: (info) => {
          const at = info.row.original.lastUsedAt;
          return at ? <time dateTime={at} title={formatDate(at, true)}>{formatRelative(at)}</time> : <span className="text-slate-400">Never</span>;
        },
      },
      {
        id: "action",
        header: () => <span className="sr-only sm:not-sr-only">Action</span>,
        enableSorting: false,
        cell: (info) => <KeyActions row={info.row.original} roles={roles} disabled={!canWrite} />,
      },
    ],
    [roles, canWrite],
  );

  const sorting: SortingState = [{ id: list.sort, desc: list.dir === "desc" }];
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.keyId,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    rowCount: total,
    state: { sorting, pagination: { pageIndex: list.page - 1, pageSize: list.pageSize } },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first) list.update({ sort: first.id, dir: first.desc ? "desc" : "asc", page: 1 });
    },
  });

  return (
    <Table>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <Th
                  key={header.id}
                  className={header.column.id === "action" ? "w-24 text-right" : undefined}
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                >
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      <table.FlexRender header={header} />
                      {sorted === "asc" ? <ArrowUp className="h-3 w-3" aria-hidden /> : sorted === "desc" ? <ArrowDown className="h-3 w-3" aria-hidden /> : <ArrowUpDown className="h-3 w-3 opacity-40" aria-hidden />}
                    </button>
                  ) : (
                    <table.FlexRender header={header} />
                  )}
                </Th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className="hover:bg-slate-50/60">
            {row.getAllCells().map((cell) => (
              <Td key={cell.id} className={cell.column.id === "action" ? "text-right" : undefined}>
                <table.FlexRender cell={cell} />
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function RoleBadge({ name }: { name: string }) {
  return <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{name}</span>;
}
