"use client";

import {
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { Fragment, useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from "react";
import { cn } from "@/lib/cn";

export type DataColumnMeta = {
  // Width class of the column's <col> (e.g. "w-32"). Columns without one share the rest,
  // so widths don't shift as the data changes.
  width?: string;
};

export const dataTableFeatures = tableFeatures({ rowSortingFeature, columnMeta: metaHelper<DataColumnMeta>() });
export type DataColumn<Row extends RowData> = ColumnDef<typeof dataTableFeatures, Row>;

export type DataTableHandle = {
  // Call before deleting a row; call the returned function once the delete succeeded:
  // when the row has gone, focus moves to the row after it (or before it), else to the table.
  prepareRemoval(rowId: string): () => void;
};

// The one table of the portal.
// - Cells never wrap: text that doesn't fit is cut with "…" (cells put the full text in a title).
// - Fixed layout: column widths come from `meta.width`, never from the data.
// - On narrow screens the table scrolls sideways with its first column (the name) and its
//   `action` column pinned.
// - Sorting, when given, is done by the server: the table shows `sort` and reports clicks
//   through `onSort`.
export function DataTable<Row extends RowData>({
  label,
  columns,
  rows,
  rowId,
  sort,
  onSort,
  minWidth = "min-w-[36rem]",
  ref,
  expanded,
}: {
  label: string;
  columns: DataColumn<Row>[];
  rows: Row[];
  rowId: (row: Row) => string;
  sort?: { id: string; desc: boolean };
  onSort?: (sort: { id: string; desc: boolean }) => void;
  // Below this width the table scrolls sideways instead of squeezing its columns.
  minWidth?: string;
  ref?: Ref<DataTableHandle>;
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

  const frame = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({ prepareRemoval: (id) => prepareRemoval(frame, id) }), []);
  useMarkOverflow(frame);

  const leafColumns = table.getAllLeafColumns();
  const firstId = leafColumns[0]?.id;
  const pin = (columnId: string) =>
    columnId === firstId
      ? // From sm up only: on a phone a wide first column (a voucher's code) beside the
        // sticky Action column would leave the columns between them no room to scroll into.
        "sm:sticky sm:left-0 sm:z-[1] sm:group-data-overflow/table:shadow-[inset_-1px_0_0_var(--border)]"
      : columnId === "action"
        ? // Buttons, not text: never an ellipsis (its width must hold them: see actionColumn).
          "sticky right-0 z-[1] text-right text-clip group-data-overflow/table:shadow-[inset_1px_0_0_var(--border)]"
        : undefined;

  return (
    <div
      ref={frame}
      role="region"
      aria-label={label}
      className={cn(
        // Edge to edge on a phone, to show as much of the table as the screen allows.
        "group/table -mx-4 overflow-x-auto border-y border-border bg-card shadow-xs sm:mx-0 sm:rounded-lg sm:border-x",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
      )}
    >
      <table className={cn("w-full table-fixed border-separate border-spacing-0 text-left text-sm", minWidth)}>
        <colgroup>
          {leafColumns.map((column) => (
            <col key={column.id} className={column.columnDef.meta?.width} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={cn(
                      "overflow-hidden border-b border-border bg-muted px-3 py-2.5 text-xs font-medium tracking-wide text-ellipsis whitespace-nowrap text-muted-foreground uppercase first:pl-4 last:pr-4",
                      pin(header.column.id),
                    )}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="-mx-1 -my-2.5 inline-flex min-h-11 items-center gap-1 rounded px-1 uppercase hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring sm:-my-1 sm:min-h-6"
                      >
                        <table.FlexRender header={header} />
                        <SortIcon sorted={sorted} />
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
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
                <tr
                  data-row-id={row.id}
                  tabIndex={-1}
                  className="group/row focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring"
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className={cn("data-cell", pin(cell.column.id))}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
                {details ? (
                  <tr>
                    <td
                      colSpan={columns.length}
                      className="border-b border-border bg-muted px-4 py-3 whitespace-normal"
                    >
                      {/* Stays in view while a wide table is scrolled sideways on a phone. */}
                      <div className="sticky left-4 w-fit max-w-[calc(100vw-3rem)] sm:max-w-none">{details}</div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SortIcon({ sorted }: { sorted: false | "asc" | "desc" }) {
  if (sorted === "asc") return <ArrowUp className="h-3 w-3 shrink-0" aria-hidden />;
  if (sorted === "desc") return <ArrowDown className="h-3 w-3 shrink-0" aria-hidden />;
  return <ArrowUpDown className="h-3 w-3 shrink-0 opacity-60" aria-hidden />;
}

// While the frame scrolls sideways it is marked data-overflow (to draw the edges of the
// pinned columns) and is a tab stop, so the keyboard can scroll it; otherwise it can only be
// focused from code (after a delete). DOM attributes, so resizing re-renders nothing.
function useMarkOverflow(frame: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const mark = () => {
      const overflow = element.scrollWidth > element.clientWidth + 1;
      element.toggleAttribute("data-overflow", overflow);
      element.setAttribute("tabindex", overflow ? "0" : "-1");
    };
    const observer = new ResizeObserver(mark);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    mark();
    return () => observer.disconnect();
  }, [frame]);
}

function prepareRemoval(frame: React.RefObject<HTMLDivElement | null>, rowId: string) {
  const selector = (id: string) => `tr[data-row-id="${CSS.escape(id)}"]`;
  const row = frame.current?.querySelector(selector(rowId));
  const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
  const nextId = neighbour?.getAttribute("data-row-id");
  return () => {
    const started = Date.now();
    const focusWhenGone = () => {
      const table = frame.current;
      if (table?.querySelector(selector(rowId)) && Date.now() - started < 10_000) {
        setTimeout(focusWhenGone, 50);
        return;
      }
      const next = nextId ? table?.querySelector<HTMLElement>(selector(nextId)) : null;
      (next ?? table ?? document.getElementById("main-content"))?.focus();
    };
    focusWhenGone();
  };
}
