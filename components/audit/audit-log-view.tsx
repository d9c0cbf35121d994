"use client";

import { Download } from "lucide-react";
import { useMemo, useState } from "react";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Input } from "@/components/ui/input";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { useListState } from "@/components/ui/use-list-state";
import type { AuditEventJson, AuditFilters } from "@/lib/validations/audit";
import { TARGET_TYPES } from "@/lib/validations/audit";
import { formatDate } from "@/lib/format-date";
import { actionLabel } from "./action-label";
import { ChangesTable, ChangesToggle } from "./changes-details";

const ALL = "all";
const TARGET_LABELS: Record<(typeof TARGET_TYPES)[number], string> = {
  account: "Account settings",
  api_key: "API keys",
  role: "Roles",
  member: "Team members",
  user: "Users",
  group: "Groups",
  network: "Networks",
  voucher: "Vouchers",
};

type Props = {
  events: AuditEventJson[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  filters: AuditFilters;
  // By time: newest first ("desc") or oldest first.
  dir: "asc" | "desc";
  actions: string[];
  invalid: boolean;
};

export function AuditLogView({ events, total, totalCapped, page, pageSize, filters, dir, actions, invalid }: Props) {
  const list = useListState({ page, pageSize, q: "", sort: "time", dir });
  const [actor, setActor] = useState(filters.actor ?? "");
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const exportHref = `/audit-log/export?${new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  )}`;
  const columns = useMemo<DataColumn<AuditEventJson>[]>(
    () => [
      {
        id: "time",
        // The table sorts only a column with an accessor (the server does the sorting).
        accessorKey: "createdAt",
        meta: { width: "w-48" },
        header: "Time (UTC)",
        cell: ({ row }) => (
          <time dateTime={row.original.createdAt} className="whitespace-nowrap">
            {formatDate(row.original.createdAt, true).replace(/ UTC$/, "")}
          </time>
        ),
      },
      {
        id: "actor",
        header: "Actor",
        enableSorting: false,
        cell: ({ row }) => (
          <span className="block max-w-56 truncate" title={row.original.actor.name}>
            {row.original.actor.name}
            <span className="block text-xs text-muted-foreground">
              {row.original.actor.type === "api_key"
                ? `Key ${row.original.actor.id}`
                : row.original.actor.type === "anonymous"
                  ? "Not signed in"
                  : "Member"}
            </span>
          </span>
        ),
      },
      {
        id: "event",
        meta: { width: "w-44" },
        header: "Action",
        enableSorting: false,
        // The words, wrapped rather than cut; the code itself on hover.
        cell: ({ row }) => (
          <span className="block whitespace-normal text-foreground" title={row.original.action}>
            {actionLabel(row.original.action)}
          </span>
        ),
      },
      {
        id: "target",
        header: "Target",
        enableSorting: false,
        cell: ({ row }) => (
          <span className="block max-w-56 truncate" title={row.original.target.name ?? undefined}>
            {row.original.target.name ?? "—"}
            <span className="block font-mono text-xs text-muted-foreground">
              {row.original.target.id ?? row.original.target.type}
            </span>
          </span>
        ),
      },
      {
        id: "changes",
        meta: { width: "w-28" },
        header: "Changes",
        enableSorting: false,
        cell: ({ row }) => (
          <ChangesToggle
            event={row.original}
            open={open.has(row.original.id)}
            onToggle={() => toggle(row.original.id)}
          />
        ),
      },
      {
        id: "address",
        meta: { width: "w-36" },
        header: "Client",
        enableSorting: false,
        cell: ({ row }) => (
          <span
            className="font-mono text-xs whitespace-nowrap text-muted-foreground"
            title={row.original.userAgent ?? undefined}
          >
            {row.original.clientAddress ?? "—"}
          </span>
        ),
      },
    ],
    [open],
  );
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className={list.pending ? "space-y-4 opacity-60" : "space-y-4"}>
      <form
        role="search"
        aria-label="Filter the audit log"
        className="grid gap-3 rounded-lg border border-border bg-card p-4 sm:grid-cols-2 lg:grid-cols-6"
        onSubmit={(event) => {
          event.preventDefault();
          list.update({ actor, page: 1 });
        }}
      >
        <label className="text-xs font-medium text-muted-foreground lg:col-span-2">
          Actor
          <Input
            className="mt-1"
            value={actor}
            placeholder="Email, key name, member id or Key ID"
            onChange={(event) => setActor(event.target.value)}
            onBlur={() => actor !== (filters.actor ?? "") && list.update({ actor, page: 1 })}
          />
        </label>
        <div className="text-xs font-medium text-muted-foreground">
          <label htmlFor="audit-action">Action</label>
          <div className="mt-1">
            <Select
              id="audit-action"
              value={filters.action ?? ALL}
              onValueChange={(value) => list.update({ action: value === ALL ? "" : value, page: 1 })}
              options={[
                { value: ALL, label: "All actions" },
                ...actions.map((action) => ({ value: action, label: actionLabel(action) })),
              ]}
            />
          </div>
        </div>
        <div className="text-xs font-medium text-muted-foreground">
          <label htmlFor="audit-target">Target</label>
          <div className="mt-1">
            <Select
              id="audit-target"
              value={filters.targetType ?? ALL}
              onValueChange={(value) => list.update({ targetType: value === ALL ? "" : value, targetId: "", page: 1 })}
              options={[
                { value: ALL, label: "All targets" },
                ...TARGET_TYPES.map((type) => ({ value: type, label: TARGET_LABELS[type] })),
              ]}
            />
          </div>
        </div>
        <label className="text-xs font-medium text-muted-foreground">
          From
          <Input
            className="mt-1"
            type="date"
            value={filters.from?.slice(0, 10) ?? ""}
            onChange={(event) => list.update({ from: event.target.value, page: 1 })}
          />
        </label>
        <label className="text-xs font-medium text-muted-foreground">
          To
          <Input
            className="mt-1"
            type="date"
            value={filters.to?.slice(0, 10) ?? ""}
            onChange={(event) => list.update({ to: event.target.value, page: 1 })}
          />
        </label>
      </form>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
        <p>
          {invalid ? "Some filters were not understood and are ignored. " : null}
          {filters.targetId ? (
            <>
              Showing the events of <code className="font-mono text-xs">{filters.targetId}</code>.{" "}
            </>
          ) : null}
          {filtered ? (
            <button
              type="button"
              className="font-medium text-link underline-offset-2 hover:underline"
              onClick={() => {
                setActor("");
                list.update({ actor: "", action: "", targetType: "", targetId: "", from: "", to: "", page: 1 });
              }}
            >
              Clear filters
            </button>
          ) : null}
        </p>
        <a
          href={exportHref}
          download
          className="inline-flex h-8 items-center gap-2 rounded-md border border-input bg-card px-3 text-sm font-medium text-foreground shadow-xs hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
        >
          <Download className="h-4 w-4" aria-hidden /> Export CSV
        </a>
      </div>
      {total === 0 ? (
        <p className="rounded-lg border border-dashed border-input bg-card p-10 text-center text-sm text-muted-foreground">
          {filtered
            ? "No events match these filters."
            : "No events yet. Every change to this account will be listed here."}
        </p>
      ) : (
        <>
          <DataTable
            label="Audit events"
            minWidth="min-w-[60rem]"
            columns={columns}
            rows={events}
            rowId={(row) => row.id}
            sort={{ id: "time", desc: dir === "desc" }}
            onSort={(next) => list.update({ dir: next.desc ? "" : "asc", page: 1 })}
            expanded={(event) => (open.has(event.id) ? <ChangesTable event={event} /> : null)}
          />
          <Pagination list={list} total={total} totalCapped={totalCapped} />
        </>
      )}
    </div>
  );
}
