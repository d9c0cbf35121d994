"use client";

import { KeyRound, Search } from "lucide-react";
import { useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { ApiKeysTable } from "./api-keys-table";
import { CreateKeyDialog } from "./create-key-dialog";
import { Pagination } from "@/components/ui/pagination";
import type { KeyRow, RoleChoice } from "./types";
import { useListState, type ListState } from "@/components/ui/use-list-state";

type Props = {
  rows: KeyRow[];
  total: number;
  roles: RoleChoice[];
  canWrite: boolean;
  canReadAudit: boolean;
  query: Omit<ListState, "update" | "pending">;
};

export function ApiKeysView({ rows, total, roles, canWrite, canReadAudit, query }: Props) {
  const list = useListState(query);
  const isEmptyAccount = total === 0 && !query.q;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {isEmptyAccount ? <span /> : <FilterBox list={list} />}
        <CreateKeyDialog roles={roles} disabled={!canWrite} />
      </div>
      {isEmptyAccount ? (
        <EmptyState />
      ) : total === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">
          No keys match “{query.q}”.
        </p>
      ) : (
        <div className={list.pending ? "opacity-60 transition-opacity" : undefined}>
          <ApiKeysTable rows={rows} roles={roles} canWrite={canWrite} canReadAudit={canReadAudit} list={list} />
          <Pagination list={list} total={total} />
        </div>
      )}
    </div>
  );
}

function FilterBox({ list }: { list: ListState }) {
  const [text, setText] = useState(list.q);
  // Filter after a pause in typing, not on every keystroke.
  useEffect(() => {
    if (text.trim() === list.q) return;
    const timer = setTimeout(() => list.update({ q: text.trim(), page: 1 }), 300);
    return () => clearTimeout(timer);
  }, [text, list]);
  return (
    <div className="relative w-full max-w-xs">
      <Search className="pointer-events-none absolute top-2.5 left-3 h-4 w-4 text-slate-400" aria-hidden />
      <Input
        type="search"
        aria-label="Filter keys by name or Key ID"
        placeholder="Filter by name or Key ID"
        className="pl-9"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}

function EmptyState() {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
      <KeyRound className="mx-auto h-10 w-10 text-slate-300" aria-hidden />
      <h2 className="mt-4 text-base font-semibold text-slate-900">No API keys yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-500">
        An API key lets a script or another service call this account’s REST API. Each key has a role that decides what
        it may read and change. You see a key’s secret only once, when you create it.
      </p>
    </div>
  );
}
