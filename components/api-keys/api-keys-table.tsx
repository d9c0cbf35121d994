"use client";

import Link from "next/link";
import { useMemo } from "react";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { KeyActions } from "./key-actions";
import { CopyButton } from "@/components/ui/copy-button";
import { formatDate, formatRelative } from "@/lib/format-date";
import { KeyStateBadge, keyStatus } from "./key-state-badge";
import type { KeyPageContext, KeyRow } from "./types";
import type { ListState } from "@/components/ui/use-list-state";

// Sorting and paging happen in the database; the table reflects the URL's state.
export function ApiKeysTable({ rows, page, list }: { rows: KeyRow[]; page: KeyPageContext; list: ListState }) {
  const columns = useMemo<DataColumn<KeyRow>[]>(
    () => [
      {
        id: "name",
        accessorKey: "name",
        header: "Name",
        cell: (info) => (
          <Link
            href={`/api-keys/${info.row.original.keyId}`}
            className="font-medium text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {info.row.original.name}
          </Link>
        ),
      },
      {
        id: "keyId",
        header: "Key ID",
        enableSorting: false,
        cell: (info) => (
          <span className="inline-flex flex-col">
            <span className="inline-flex items-center gap-1">
              <code className="font-mono text-xs text-slate-700">{info.row.original.keyId}</code>
              <CopyButton value={info.row.original.keyId} label={`Copy Key ID of ${info.row.original.name}`} subtle />
            </span>
            <code className="font-mono text-xs text-slate-400" title="The start of the key">
              {info.row.original.start}…
            </code>
          </span>
        ),
      },
      {
        id: "role",
        header: "Role",
        enableSorting: false,
        cell: (info) => <RoleBadge name={info.row.original.role.name} />,
      },
      {
        id: "state",
        header: "State",
        enableSorting: false,
        cell: (info) => <KeyStateBadge keyRow={info.row.original} now={page.now} />,
      },
      {
        id: "expiresAt",
        header: "Expires",
        enableSorting: false,
        cell: (info) => <Expiry row={info.row.original} now={page.now} />,
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
              {formatRelative(at, page.now)}
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
        cell: (info) => <KeyActions row={info.row.original} page={page} />,
      },
    ],
    [page],
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

// Expiring within 7 days: highlighted, with the exact time on hover.
function Expiry({ row, now }: { row: KeyRow; now: number }) {
  if (!row.expiresAt) return <span className="text-slate-400">Never</span>;
  const soon = keyStatus(row, now).expiringSoon;
  return (
    <time
      dateTime={row.expiresAt}
      title={formatDate(row.expiresAt, true)}
      className={soon ? "rounded bg-amber-100 px-1.5 py-0.5 font-medium whitespace-nowrap text-amber-900" : undefined}
    >
      {formatDate(row.expiresAt)}
    </time>
  );
}

function RoleBadge({ name }: { name: string }) {
  return (
    <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{name}</span>
  );
}
