"use client";

import { Plus } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { DataTable, type DataColumn, type DataTableHandle } from "@/components/ui/data-table";
import { FilterBox } from "@/components/ui/filter-box";
import { Pagination } from "@/components/ui/pagination";
import { actionColumn, RowActions } from "@/components/ui/row-actions";
import { useListState } from "@/components/ui/use-list-state";
import { useRowDialogs } from "@/components/ui/use-row-dialogs";
import { cn } from "@/lib/cn";
import { CreateVouchersDialog, LockedButton } from "./create-vouchers-dialog";
import { DeleteResourceDialog } from "./delete-resource-dialog";
import { GroupMembers, type GroupMember, type UserChoice } from "./group-members";
import { ResourceFormDialog } from "./resource-form-dialog";
import { FORM_SPECS, type ResourceKind, type ResourceRecord } from "./resource-forms";

// `width` is a width class for the column (e.g. "w-32"); columns without one share the rest.
// `sort`: the list's order this column's header sorts by (none: not sortable).
export type ListColumn = { key: string; label: string; mono?: boolean; width?: string; sort?: string };
// The cells as text, and the record itself for its edit dialog.
export type ListRow = { id: string; cells: Record<string, string>; record: ResourceRecord };
type TableRow = ListRow & { lockedReason?: string };

// A server-paged list of one of the account's resources, searched on the server when the
// resource has a search (`searchLabel`), with its Add button and each row's Edit and
// Delete. Without Full Access to the area they stay visible, disabled with the reason.
export function ResourceList({
  kind,
  label,
  columns,
  rows,
  total,
  totalCapped,
  page,
  pageSize,
  q,
  sort,
  dir,
  searchLabel,
  empty,
  lockedReason,
  users = [],
}: {
  kind: ResourceKind;
  label: string;
  columns: ListColumn[];
  rows: ListRow[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  q: string;
  // The order the page was read in (one of the columns' `sort`, or the default).
  sort: string;
  dir: "asc" | "desc";
  searchLabel?: string;
  empty: string;
  lockedReason?: string;
  // For a group's members: the users one can add.
  users?: UserChoice[];
}) {
  const spec = FORM_SPECS[kind];
  const list = useListState({ page, pageSize, q, sort, dir });
  const table = useRef<DataTableHandle>(null);
  const dialogs = useRowDialogs<ResourceRecord, "edit" | "delete">(table);
  const { open } = dialogs;
  const [creating, setCreating] = useState(0);
  // The page sends its columns afresh on every refresh; new column objects would remount
  // the cells and lose focus (e.g. on the Edit button a dialog just gave it back to).
  const columnsKey = JSON.stringify(columns);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableColumns = useMemo(() => columns, [columnsKey]);
  const tableRows = useMemo<TableRow[]>(() => rows.map((row) => ({ ...row, lockedReason })), [rows, lockedReason]);
  const defs = useMemo<DataColumn<TableRow>[]>(
    () => [
      ...stableColumns.map((column, index): DataColumn<TableRow> => ({
        id: column.sort ?? column.key,
        // The table sorts only a column with an accessor (the server does the sorting).
        accessorFn: (row) => row.cells[column.key],
        header: column.label,
        enableSorting: Boolean(column.sort),
        // The cells have no accessor to guess a first direction from: ascending first.
        sortDescFirst: false,
        meta: { width: column.width },
        cell: ({ row }) => (
          <span
            title={row.original.cells[column.key]}
            className={cn(column.mono && "font-mono text-xs", index === 0 && "font-medium text-foreground")}
          >
            {row.original.cells[column.key]}
          </span>
        ),
      })),
      actionColumn(2, (row: TableRow) => (
        <RowActions
          name={spec.nameOf(row.record)}
          lockedReason={row.lockedReason}
          onEdit={(opener) => open("edit", row.record, opener)}
          onDelete={(opener) => open("delete", row.record, opener)}
        />
      )),
    ],
    [stableColumns, spec, open],
  );
  // Deleting the only row of the last page goes to the page before it.
  const onDeleted = () => {
    if (rows.length === 1 && list.page > 1) list.update({ page: list.page - 1 });
  };

  const addButton =
    kind === "vouchers" ? (
      <CreateVouchersDialog lockedReason={lockedReason} />
    ) : (
      <>
        <LockedButton lockedReason={lockedReason} onClick={() => setCreating((round) => Math.abs(round) + 1)}>
          <Plus className="h-4 w-4" aria-hidden />
          Add {spec.singular}
        </LockedButton>
        {creating !== 0 ? (
          <ResourceFormDialog
            key={`create-${Math.abs(creating)}`}
            spec={spec}
            open={creating > 0}
            onOpenChange={(isOpen) => {
              if (!isOpen) setCreating((round) => -Math.abs(round));
            }}
          />
        ) : null}
      </>
    );

  const isEmptyAccount = total === 0 && !q;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {searchLabel && !isEmptyAccount ? <FilterBox list={list} label={searchLabel} /> : <span />}
        {addButton}
      </div>
      {isEmptyAccount ? (
        <p className="rounded-lg border border-dashed border-border bg-card p-10 text-center text-sm text-muted-foreground">
          {empty}
        </p>
      ) : total === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-card p-8 text-center text-sm [overflow-wrap:anywhere] text-muted-foreground">
          Nothing matches “{q}”.
        </p>
      ) : (
        <div className={list.pending ? "opacity-60 transition-opacity" : undefined}>
          <DataTable
            ref={table}
            label={label}
            columns={defs}
            rows={tableRows}
            rowId={(row) => row.id}
            minWidth="min-w-[48rem]"
            sort={{ id: sort, desc: dir === "desc" }}
            onSort={(next) => list.update({ sort: next.id, dir: next.desc ? "desc" : "asc", page: 1 })}
          />
          <Pagination list={list} total={total} totalCapped={totalCapped} />
        </div>
      )}
      {dialogs.row ? (
        <>
          <ResourceFormDialog
            key={`edit-${dialogs.round}`}
            spec={spec}
            record={dialogs.row}
            {...dialogs.dialog("edit")}
            onDelete={() => dialogs.switchTo("delete")}
          >
            {kind === "groups" ? (
              <GroupMembers
                groupId={dialogs.row.id}
                members={(dialogs.row.members as GroupMember[] | undefined) ?? []}
                users={users}
              />
            ) : null}
          </ResourceFormDialog>
          <DeleteResourceDialog
            key={`delete-${dialogs.round}`}
            spec={spec}
            record={dialogs.row}
            {...dialogs.dialog("delete")}
            prepareRemoval={dialogs.prepareRemoval}
            onDeleted={onDeleted}
          />
        </>
      ) : null}
    </div>
  );
}
