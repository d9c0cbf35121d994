"use client";

import {
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Fragment, type ReactNode } from "react";
import { Table, Td, Th } from "./table";

export const dataTableFeatures = tableFeatures({ rowSortingFeature });
export type DataColumn<Row extends RowData> = ColumnDef<typeof dataTableFeatures, Row>;

// The one table of the portal. Sorting, when given, is done by the server: the table
// shows `sort` and reports clicks through `onSort`.
export function DataTable<Row extends RowData>({
  columns,
  rows,
  rowId,
  sort,
  onSort,
  expanded,
}: {
  columns: DataColumn<Row>[];
  rows: Row[];
  rowId: (row: Row) => string;
  sort?: { id: string; desc: boolean };
  onSort?: (sort: { id: string; desc: boolean }) => void;
  // A row's details, shown full width under it while they are open (null: closed).
  expanded?: (row: Row) => ReactNode | null;
}) {
  const sorting: SortingState = sort ? [sort] : [];
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: rowId,
    manualSorting: true,
    enableSorting: Boolean(onSort),
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      if (next[0] && onSort) onSort({ id: next[0].id, desc: next[0].desc });
    },
  });

  return (
    <Table>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const isAction = header.column.id === "action";
              return (
                <Th
                  key={header.id}
                  className={isAction ? "w-24 text-right" : undefined}
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                >
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      <table.FlexRender header={header} />
                      <SortIcon sorted={sorted} />
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
        {table.getRowModel().rows.map((row) => {
          const details = expanded?.(row.original);
          return (
            <Fragment key={row.id}>
              <tr className="hover:bg-slate-50/60">
                {row.getAllCells().map((cell) => (
                  <Td key={cell.id} className={cell.column.id === "action" ? "text-right" : undefined}>
                    <table.FlexRender cell={cell} />
                  </Td>
                ))}
              </tr>
              {details ? (
                <tr>
                  <Td colSpan={columns.length} className="bg-slate-50/70">
                    {details}
                  </Td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}

function SortIcon({ sorted }: { sorted: false | "asc" | "desc" }) {
  if (sorted === "asc") return <ArrowUp className="h-3 w-3" aria-hidden />;
  if (sorted === "desc") return <ArrowDown className="h-3 w-3" aria-hidden />;
  return <ArrowUpDown className="h-3 w-3 opacity-40" aria-hidden />;
}
