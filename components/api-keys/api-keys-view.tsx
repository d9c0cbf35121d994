"use client";

import { KeyRound, Plus } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { FilterBox } from "@/components/ui/filter-box";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { useListState, type ListState } from "@/components/ui/use-list-state";
import { ApiKeysTable } from "./api-keys-table";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeyPolicyControl } from "./key-policy-dialog";
import { TagFilterChip } from "./key-tags";
import type { KeyPageContext, KeyRow } from "./types";

// `tag`: the tag filter as shown, key:value ("" for none).
type Query = Omit<ListState, "update" | "pending"> & { state: string; tag: string };

type Props = { rows: KeyRow[]; total: number; totalCapped: boolean; page: KeyPageContext; query: Query };

const STATE_FILTERS = [
  { value: "all", label: "All states" },
  { value: "active", label: "Active" },
  { value: "expiring", label: "Expiring within 7 days" },
  { value: "disabled", label: "Disabled" },
  { value: "expired", label: "Expired" },
];

export function ApiKeysView({ rows, total, totalCapped, page, query }: Props) {
  const list = useListState(query);
  const filtered = Boolean(query.q || query.state || query.tag);
  const isEmptyAccount = total === 0 && !filtered;
  // Deleting the only row of the last page goes to the page before it.
  const onDeleted = () => {
    if (rows.length === 1 && list.page > 1) list.update({ page: list.page - 1 });
  };
  // A read-only member sees why Create Key is unavailable, not only that it is.
  const createLocked = page.canWrite ? undefined : "Your role has Read Access to API Keys, so you can't create keys.";
  // One dialog, kept in the toolbar while the first key turns the empty state into the list;
  // the empty state's own button opens it.
  const createDialog = useRef<{ open: () => void }>(null);
  const describedBy = createLocked ? "create-key-locked" : undefined;
  const lockedNote = (className: string) =>
    createLocked ? (
      <p id="create-key-locked" className={`text-sm text-muted-foreground ${className}`}>
        {createLocked}
      </p>
    ) : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {isEmptyAccount ? (
          <span />
        ) : (
          <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
            <FilterBox list={list} label="Filter keys by name or Key ID" />
            <StateFilter state={query.state} list={list} />
            {query.tag ? <TagFilterChip tag={query.tag} onClear={() => list.update({ tag: "", page: 1 })} /> : null}
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <KeyPolicyControl
            policy={{ maxKeyLifetimeDays: page.maxLifetimeDays, disableUnusedAfterDays: page.disableUnusedAfterDays }}
            canWrite={page.canSetPolicy}
          />
          <CreateKeyDialog
            ref={createDialog}
            showButton={!isEmptyAccount}
            roles={page.roles}
            disabled={!page.canWrite}
            describedBy={describedBy}
            maxLifetimeDays={page.maxLifetimeDays}
            scopeChoices={page.scopeChoices}
            origin={page.origin}
          />
        </div>
        {isEmptyAccount ? null : lockedNote("w-full sm:text-right")}
      </div>
      {isEmptyAccount ? (
        <EmptyState>
          <div className="mt-6 flex flex-col items-center gap-2">
            <Button
              onClick={() => createDialog.current?.open()}
              disabled={!page.canWrite}
              aria-describedby={describedBy}
            >
              <Plus className="h-4 w-4" aria-hidden />
              Create Key
            </Button>
            {lockedNote("")}
          </div>
        </EmptyState>
      ) : total === 0 ? (
        <p className="rounded-lg border border-dashed border-border bg-card p-8 text-center text-sm [overflow-wrap:anywhere] text-muted-foreground">
          {query.q ? `No keys match “${query.q}”` : "No keys"}
          {query.state ? " in this state" : ""}
          {query.tag ? ` tagged ${query.tag}` : ""}.
        </p>
      ) : (
        <div className={list.pending ? "opacity-60 transition-opacity" : undefined}>
          <ApiKeysTable rows={rows} page={page} list={list} onDeleted={onDeleted} />
          <Pagination list={list} total={total} totalCapped={totalCapped} />
        </div>
      )}
    </div>
  );
}

// The state lives in the URL beside the list's other settings (page 1 on every change).
function StateFilter({ state, list }: { state: string; list: ListState }) {
  return (
    <div className="w-full sm:w-52">
      <label htmlFor="key-state-filter" className="sr-only">
        Filter keys by state
      </label>
      <Select
        id="key-state-filter"
        value={state || "all"}
        onValueChange={(value) => list.update({ state: value === "all" ? "" : value, page: 1 })}
        options={STATE_FILTERS}
      />
    </div>
  );
}

// The first run: what a key is, and the button to create one right under it.
function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <section
      aria-labelledby="no-keys-heading"
      className="rounded-lg border border-dashed border-border bg-card px-6 py-14 text-center"
    >
      <KeyRound className="mx-auto h-10 w-10 text-muted-foreground" aria-hidden />
      <h2 id="no-keys-heading" className="mt-4 text-base font-semibold text-foreground">
        No API keys yet
      </h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-pretty text-muted-foreground">
        An API key lets a script or another service call this account’s REST API. Each key has a role that decides what
        it may read and change. You see a key’s secret only once, when you create it.
      </p>
      {children}
    </section>
  );
}
