"use client";

import { TriangleAlert } from "lucide-react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/actions/result";
import { hasAnyAccess } from "@/lib/permissions";
import type { KeyLimitsInput } from "@/lib/validations/key-limits";
import { roleOptions } from "@/components/roles/role-options";
import { RoleSummary } from "@/components/roles/role-summary";
import { AllowlistField, allowlistEntries, allowlistErrors } from "./allowlist-field";
import { ExpiryField, expiryChoiceOf, type ExpiryValue } from "./expiry-field";
import { LimitFields, toLimitsInput, type LimitFormValues } from "./limit-fields";
import { BindField, NotesFields, tagLines, type NotesFormValues } from "./notes-fields";
import { ScopeField, toScopeInput, type ScopeFormValues } from "./scope-field";
import type { ScopeChoices } from "./types";
import type { RoleChoice } from "@/components/roles/role-options";

export type KeyFormValues = {
  name: string;
  roleId: string;
  expiry: ExpiryValue;
  allowlist: string;
  limits: LimitFormValues;
  notes: NotesFormValues;
  scope: ScopeFormValues;
};

type KeyFormInput = {
  name: string;
  roleId: string;
  expiry: string;
  ipAllowlist: string[];
  description: string;
  tags: string[];
  bindToFirstAddress: boolean;
  scope: { networks: string[]; groups: string[] } | null;
} & KeyLimitsInput;

// What the create and edit actions take; field errors when a custom expiry is missing.
export function keyFormInput(values: KeyFormValues): { input: KeyFormInput } | { errors: FieldErrors } {
  const expiry = expiryChoiceOf(values.expiry);
  if (expiry === null) return { errors: { expiresAt: ["Choose a date and time."] } };
  return {
    input: {
      name: values.name,
      roleId: values.roleId,
      expiry,
      ipAllowlist: allowlistEntries(values.allowlist),
      description: values.notes.description,
      tags: tagLines(values.notes.tags),
      bindToFirstAddress: values.notes.bindToFirstAddress,
      scope: toScopeInput(values.scope),
      ...toLimitsInput(values.limits),
    },
  };
}

// The fields shared by the create and edit dialogs: name, role, scope, expiry, IP allowlist,
// limits, description and tags.
export function KeyFields({
  values,
  onChange,
  roles,
  errors,
  maxLifetimeDays,
  currentExpiresAt,
  scopeChoices,
}: {
  values: KeyFormValues;
  onChange: (values: KeyFormValues) => void;
  roles: RoleChoice[];
  scopeChoices: ScopeChoices;
  errors?: FieldErrors;
  maxLifetimeDays: number | null;
  currentExpiresAt?: string | null;
}) {
  const role = roles.find((candidate) => candidate.id === values.roleId);
  return (
    <div className="space-y-4">
      <Field
        id="key-name"
        label="Key Name"
        error={errors?.name?.[0]}
        hint="For example, the script or service that will use it."
      >
        <Input
          id="key-name"
          value={values.name}
          maxLength={100}
          autoComplete="off"
          aria-invalid={Boolean(errors?.name) || undefined}
          aria-describedby={errors?.name ? "key-name-error" : undefined}
          onChange={(event) => onChange({ ...values, name: event.target.value })}
        />
      </Field>
      <Field id="key-role" label="Role" error={errors?.roleId?.[0]}>
        <Select
          id="key-role"
          value={values.roleId}
          placeholder="Choose a role"
          invalid={Boolean(errors?.roleId)}
          onValueChange={(roleId) => onChange({ ...values, roleId })}
          options={roleOptions(roles)}
        />
        {role ? <RoleSummary permissions={role.permissions} /> : null}
        {role && !hasAnyAccess(role.permissions) ? (
          <p className="mt-2 flex gap-2 rounded-md border border-warning-foreground/30 bg-warning-soft px-3 py-2 text-xs text-warning-foreground">
            <TriangleAlert className="h-4 w-4 shrink-0" aria-hidden />
            This role has no access to any area: a key with it can call nothing but whoami.
          </p>
        ) : null}
      </Field>
      <ScopeField
        values={values.scope}
        onChange={(scope) => onChange({ ...values, scope })}
        choices={scopeChoices}
        errors={errors}
      />
      <ExpiryField
        value={values.expiry}
        onChange={(expiry) => onChange({ ...values, expiry })}
        maxDays={maxLifetimeDays}
        currentExpiresAt={currentExpiresAt}
        error={errors?.expiresAt?.[0] ?? errors?.expiry?.[0]}
      />
      <AllowlistField
        value={values.allowlist}
        onChange={(allowlist) => onChange({ ...values, allowlist })}
        error={allowlistErrors(errors)}
      />
      <BindField
        checked={values.notes.bindToFirstAddress}
        onChange={(bindToFirstAddress) => onChange({ ...values, notes: { ...values.notes, bindToFirstAddress } })}
      />
      <LimitFields values={values.limits} onChange={(limits) => onChange({ ...values, limits })} errors={errors} />
      <NotesFields values={values.notes} onChange={(notes) => onChange({ ...values, notes })} errors={errors} />
    </div>
  );
}
