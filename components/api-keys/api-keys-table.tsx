"use client";

import { useMemo } from "react";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { KeyActions } from "./key-actions";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate, formatRelative } from "@/lib/format-date";
import type { KeyRow, RoleChoice } from "./types";
import type { ListState } from "@/components/ui/use-list-state";

// Sorting and paging happen in the database; the table reflects the URL's state.
export function ApiKeysTable({
  rows,
  roles,
  canWrite,
  canReadAudit,
  list,
}: {
  rows: KeyRow[];
  roles: RoleChoice[];
  canWrite: boolean;
  canReadAudit: boolean;
  list: ListState;
}) {
  const columns = useMemo<DataColumn<KeyRow>[]>(
    () => [
      {
        id: "name",
        accessorKey: "name",
        header: "Name",
        cell: (info) => <span className="font-medium text-slate-900">{info.row.original.name}</span>,
      },
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
      {
        id: "start",
        header: "Key",
        enableSorting: false,
        cell: (info) => <code className="font-mono text-xs text-slate-500">{info.row.original.start}…</code>,
      },
      {
        id: "role",
        header: "Role",
        enableSorting: false,
        cell: (info) => <RoleBadge name={info.row.original.role.name} />,
      },
      {
        id: "createdAt",
        accessorKey: "createdAt",
        header: "Created",
        cell: (info) => <time dateTime={info.row.original.createdAt}>{formatDate(info.row.original.createdAt)}</time>,
      },
      {
        id: "lastUsedAt",
        accessorKey: "lastUsedAt",
        header: "Last used",
        cell: (info) => {
          const at = info.row.original.lastUsedAt;
          return at ? (
            <time dateTime={at} title={formatDate(at, true)}>
              {formatRelative(at)}
            </time>
          ) : (
            <span className="text-slate-400">Never</span>
          );
        },
      },
      {
        id: "action",
        header: () => <span className="sr-only sm:not-sr-only">Action</span>,
        enableSorting: false,
        cell: (info) => (
          <KeyActions
            row={info.row.original}
            roles={roles}
            lockedReason={keyLockedReason(info.row.original, roles, canWrite)}
            showHistory={canReadAudit}
          />
        ),
      },
    ],
    [roles, canWrite, canReadAudit],
  );

  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowId={(row) => row.keyId}
      sort={{ id: list.sort, desc: list.dir === "desc" }}
      onSort={(sort) => list.update({ sort: sort.id, dir: sort.desc ? "desc" : "asc", page: 1 })}
    />
  );
}

// Why this member may not change the key, or undefined when they may.
function keyLockedReason(row: KeyRow, roles: RoleChoice[], canWrite: boolean): string | undefined {
  if (!canWrite) return "Your role has Read Access to API Keys, so you can't change keys.";
  const role = roles.find((choice) => choice.id === row.role.id);
  if (role && !role.grantable)
    return `This key's role (${row.role.name}) has more access than yours, so you can't change it.`;
  return undefined;
}

function RoleBadge({ name }: { name: string }) {
  return (
    <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{name}</span>
  );
}
