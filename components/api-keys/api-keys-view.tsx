"use client";

import { KeyRound } from "lucide-react";
import { FilterBox } from "@/components/ui/filter-box";
import { Pagination } from "@/components/ui/pagination";
import { useListState, type ListState } from "@/components/ui/use-list-state";
import { ApiKeysTable } from "./api-keys-table";
import { CreateKeyDialog } from "./create-key-dialog";
import type { KeyRow, RoleChoice } from "./types";

type Props = {
  rows: KeyRow[];
  total: number;
  totalCapped: boolean;
  roles: RoleChoice[];
  canWrite: boolean;
  canReadAudit: boolean;
  query: Omit<ListState, "update" | "pending">;
};

export function ApiKeysView({ rows, total, totalCapped, roles, canWrite, canReadAudit, query }: Props) {
  const list = useListState(query);
  const isEmptyAccount = total === 0 && !query.q;
  // Deleting the only row of the last page goes to the page before it.
  const onDeleted = () => {
    if (rows.length === 1 && list.page > 1) list.update({ page: list.page - 1 });
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {isEmptyAccount ? <span /> : <FilterBox list={list} label="Filter keys by name or Key ID" />}
        <CreateKeyDialog roles={roles} disabled={!canWrite} />
      </div>
      {isEmptyAccount ? (
        <EmptyState />
      ) : total === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-card p-8 text-center text-sm [overflow-wrap:anywhere] text-muted-foreground">
          No keys match “{query.q}”.
        </p>
      ) : (
        <div className={list.pending ? "opacity-60 transition-opacity" : undefined}>
          <ApiKeysTable
            rows={rows}
            roles={roles}
            canWrite={canWrite}
            canReadAudit={canReadAudit}
            list={list}
            onDeleted={onDeleted}
          />
          <Pagination list={list} total={total} totalCapped={totalCapped} />
        </div>
      )}
    </div>
  );
}

function EmptyState() {
  return (
    <div className="rounded-lg border border-dashed border-border bg-card px-6 py-14 text-center">
      <KeyRound className="mx-auto h-10 w-10 text-muted-foreground" aria-hidden />
      <h2 className="mt-4 text-base font-semibold text-foreground">No API keys yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-muted-foreground">
        An API key lets a script or another service call this account’s REST API. Each key has a role that decides what
        it may read and change. You see a key’s secret only once, when you create it.
      </p>
    </div>
  );
}
