"use client";

import { MultiSelect } from "@/components/ui/multi-select";
import type { FieldErrors } from "@/lib/actions/result";
import type { ScopeChoices } from "./types";

// A key's per-record scope in the create and edit dialogs: the whole account, or chosen
// networks and groups (with the users and vouchers that belong to them).
export type ScopeFormValues = { limited: boolean; networks: string[]; groups: string[] };

export const WHOLE_ACCOUNT: ScopeFormValues = { limited: false, networks: [], groups: [] };

export function scopeFormValues(scope: { networks: string[]; groups: string[] } | null): ScopeFormValues {
  return scope ? { limited: true, ...scope } : WHOLE_ACCOUNT;
}

export function toScopeInput(values: ScopeFormValues) {
  return values.limited ? { networks: values.networks, groups: values.groups } : null;
}

export function ScopeField({
  values,
  onChange,
  choices,
  errors,
}: {
  values: ScopeFormValues;
  onChange: (values: ScopeFormValues) => void;
  choices: ScopeChoices;
  errors?: FieldErrors;
}) {
  const error = Object.entries(errors ?? {}).find(
    ([field]) => field === "scope" || field.startsWith("scope."),
  )?.[1]?.[0];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-foreground">Scope</legend>
      <div className="flex flex-col gap-1.5 text-sm sm:flex-row sm:gap-4">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="key-scope"
            checked={!values.limited}
            onChange={() => onChange({ ...values, limited: false })}
            className="accent-primary"
          />
          Whole account
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="key-scope"
            checked={values.limited}
            onChange={() => onChange({ ...values, limited: true })}
            className="accent-primary"
          />
          Chosen networks and groups
        </label>
      </div>
      {values.limited ? (
        <div className="space-y-3">
          <div className="space-y-1.5">
            <label htmlFor="key-scope-networks" className="block text-xs font-medium text-foreground">
              Networks
            </label>
            <MultiSelect
              id="key-scope-networks"
              value={values.networks}
              onValueChange={(networks) => onChange({ ...values, networks })}
              options={choices.networks}
              placeholder="Choose networks"
              searchPlaceholder="Search networks"
              emptyText="No network matches."
              missingLabel="(deleted network)"
              invalid={Boolean(error)}
            />
          </div>
          <div className="space-y-1.5">
            <label htmlFor="key-scope-groups" className="block text-xs font-medium text-foreground">
              Groups
            </label>
            <MultiSelect
              id="key-scope-groups"
              value={values.groups}
              onValueChange={(groups) => onChange({ ...values, groups })}
              options={choices.groups}
              placeholder="Choose groups"
              searchPlaceholder="Search groups"
              emptyText="No group matches."
              missingLabel="(deleted group)"
              invalid={Boolean(error)}
            />
          </div>
        </div>
      ) : null}
      {error ? (
        <p id="key-scope-error" role="alert" className="text-sm text-destructive-foreground">
          {error}
        </p>
      ) : (
        <p className="text-xs text-muted-foreground">
          {values.limited
            ? "The key reaches only these networks and groups, with their users and vouchers. Its role still decides what it may do."
            : "The key reaches every record its role allows."}
        </p>
      )}
    </fieldset>
  );
}
