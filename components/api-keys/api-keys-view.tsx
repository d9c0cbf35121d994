"use client";

import { KeyRound, Search } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiKeysTable } from "./api-keys-table";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyPolicyControl } from "./key-policy-dialog";
import { Pagination } from "@/components/ui/pagination";
import type { KeyPageContext, KeyRow } from "./types";
import { useListState, type ListState } from "@/components/ui/use-list-state";

type Query = Omit<ListState, "update" | "pending"> & { state: string };

type Props = { rows: KeyRow[]; total: number; page: KeyPageContext; query: Query };

const STATE_FILTERS = [
  { value: "all", label: "All states" },
  { value: "active", label: "Active" },
  { value: "expiring", label: "Expiring within 7 days" },
  { value: "disabled", label: "Disabled" },
  { value: "expired", label: "Expired" },
];

export function ApiKeysView({ rows, total, page, query }: Props) {
  const list = useListState(query);
  const filtered = Boolean(query.q || query.state);
  const isEmptyAccount = total === 0 && !filtered;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {isEmptyAccount ? (
          <span />
        ) : (
          <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
            <FilterBox list={list} />
            <StateFilter state={query.state} />
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <KeyPolicyControl maxLifetimeDays={page.maxLifetimeDays} canWrite={page.canWrite} />
          <CreateKeyDialog
            roles={page.roles}
            disabled={!page.canWrite}
            maxLifetimeDays={page.maxLifetimeDays}
            origin={page.origin}
          />
        </div>
      </div>
      {isEmptyAccount ? (
        <EmptyState />
      ) : total === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">
          {query.q ? `No keys match “${query.q}”` : "No keys"}
          {query.state ? ` in this state` : ""}.
        </p>
      ) : (
        <div className={list.pending ? "opacity-60 transition-opacity" : undefined}>
          <ApiKeysTable rows={rows} page={page} list={list} />
          <Pagination list={list} total={total} />
        </div>
      )}
    </div>
  );
}

// The state lives in the URL beside the list's other settings (page 1 on every change).
function StateFilter({ state }: { state: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [, startTransition] = useTransition();
  function choose(value: string) {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("page");
    if (value === "all") params.delete("state");
    else params.set("state", value);
    startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
  }
  return (
    <div className="w-full sm:w-52">
      <label htmlFor="key-state-filter" className="sr-only">
        Filter keys by state
      </label>
      <Select id="key-state-filter" value={state || "all"} onValueChange={choose} options={STATE_FILTERS} />
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
    <div className="relative w-full sm:max-w-xs">
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
