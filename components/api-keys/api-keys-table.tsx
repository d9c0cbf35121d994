"use client";

import Link from "next/link";
import { useMemo, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { HistoryLink } from "@/components/audit/history-link";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, type DataColumn, type DataTableHandle } from "@/components/ui/data-table";
import { actionColumn, RowActions } from "@/components/ui/row-actions";
import type { ListState } from "@/components/ui/use-list-state";
import { useRowDialogs } from "@/components/ui/use-row-dialogs";
import { formatDate, formatRelative } from "@/lib/format-date";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import { KeyStateBadge } from "./key-state-badge";
import { KeyTags } from "./key-tags";
import { UnusedFor } from "./unused-days";
import { keyLockedReason } from "./locked-reason";
import type { KeyPageContext, KeyRow } from "./types";

// `now`: the server's clock at render time, for "Expiring in N days".
// `disableAfterDays`: the account's unused-key policy, for "Disabled on … if unused".
type TableRow = KeyRow & { lockedReason?: string; now: number; disableAfterDays: number | null };

// Sorting and paging happen in the database; the table reflects the URL's state.
export function ApiKeysTable({
  rows,
  page,
  list,
  onDeleted,
}: {
  rows: KeyRow[];
  page: KeyPageContext;
  list: ListState;
  onDeleted: () => void;
}) {
  const { roles, canWrite, canReadAudit, now, disableUnusedAfterDays } = page;
  const table = useRef<DataTableHandle>(null);
  const dialogs = useRowDialogs<KeyRow, "edit" | "delete">(table);
  const { open } = dialogs;
  // Whether each row may be changed travels with the row, so the columns stay the same
  // objects across refreshes (new columns would remount the cells and lose focus).
  const tableRows = useMemo(
    () =>
      rows.map((row) => ({
        ...row,
        lockedReason: keyLockedReason(row, roles, canWrite),
        now,
        disableAfterDays: disableUnusedAfterDays,
      })),
    [rows, roles, canWrite, now, disableUnusedAfterDays],
  );
  const columns = useMemo<DataColumn<TableRow>[]>(
    () => [
      {
        id: "name",
        accessorKey: "name",
        header: "Name",
        cell: (info) => (
          <div className="space-y-1">
            <Link
              href={`/api-keys/${info.row.original.keyId}`}
              className="font-medium text-foreground hover:text-link hover:underline"
              title={info.row.original.name}
            >
              {info.row.original.name}
            </Link>
            <KeyTags tags={info.row.original.tags} />
          </div>
        ),
      },
      {
        id: "keyId",
        header: "Key ID",
        enableSorting: false,
        // Narrower than the whole ID, so the name gets the room: the ID may be cut ("…"),
        // its title and the copy button keep it whole.
        meta: { width: "w-40" },
        cell: (info) => (
          <span className="flex min-w-0 items-center gap-1">
            <code className="truncate font-mono text-xs text-foreground" title={info.row.original.keyId}>
              {info.row.original.keyId}
            </code>
            <CopyButton value={info.row.original.keyId} label={`Copy Key ID of ${info.row.original.name}`} subtle />
          </span>
        ),
      },
      {
        id: "role",
        header: "Role",
        enableSorting: false,
        meta: { width: "w-28" },
        cell: (info) => <Badge>{info.row.original.role.name}</Badge>,
      },
      {
        id: "state",
        header: "State",
        enableSorting: false,
        meta: { width: "w-36" },
        cell: (info) => <KeyStateBadge keyRow={info.row.original} now={info.row.original.now} />,
      },
      {
        id: "createdAt",
        accessorKey: "createdAt",
        header: "Created",
        meta: { width: "w-28" },
        cell: (info) => <time dateTime={info.row.original.createdAt}>{formatDate(info.row.original.createdAt)}</time>,
      },
      {
        id: "lastUsedAt",
        accessorKey: "lastUsedAt",
        header: "Last used",
        meta: { width: "w-30" },
        cell: (info) => {
          const at = info.row.original.lastUsedAt;
          return (
            <>
              {at ? (
                <time dateTime={at} title={formatDate(at, true)}>
                  {formatRelative(at, info.row.original.now)}
                </time>
              ) : (
                <span className="text-muted-foreground">Never</span>
              )}
              <UnusedFor
                keyRow={info.row.original}
                now={info.row.original.now}
                disableAfterDays={info.row.original.disableAfterDays}
              />
            </>
          );
        },
      },
      actionColumn("w-34", ({ lockedReason, now: _now, disableAfterDays: _policy, ...row }: TableRow) => (
        <RowActions
          name={row.name}
          lockedReason={lockedReason}
          history={canReadAudit ? <HistoryLink name={row.name} targetType="api_key" targetId={row.keyId} /> : null}
          onEdit={(opener) => open("edit", row, opener)}
          onDelete={(opener) => open("delete", row, opener)}
        />
      )),
    ],
    [canReadAudit, open],
  );

  return (
    <>
      <DataTable
        ref={table}
        label="API keys"
        columns={columns}
        rows={tableRows}
        rowId={(row) => row.keyId}
        minWidth="min-w-[62rem]"
        sort={{ id: list.sort, desc: list.dir === "desc" }}
        onSort={(sort) => list.update({ sort: sort.id, dir: sort.desc ? "desc" : "asc", page: 1 })}
      />
      {dialogs.row ? (
        <>
          <EditKeyDialog
            key={`edit-${dialogs.round}`}
            row={dialogs.row}
            roles={roles}
            maxLifetimeDays={page.maxLifetimeDays}
            {...dialogs.dialog("edit")}
            onDelete={() => dialogs.switchTo("delete")}
          />
          <DeleteKeyDialog
            key={`delete-${dialogs.round}`}
            row={dialogs.row}
            {...dialogs.dialog("delete")}
            prepareRemoval={dialogs.prepareRemoval}
            onDeleted={onDeleted}
          />
        </>
      ) : null}
    </>
  );
}
