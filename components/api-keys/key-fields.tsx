"use client";

import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/actions/result";
import { roleOptions } from "@/components/roles/role-options";
import { RoleSummary } from "@/components/roles/role-summary";
import type { RoleChoice } from "./types";

export type KeyFormValues = { name: string; roleId: string };

// The Key Name and Role fields shared by the create and edit dialogs.
export function KeyFields({
  values,
  onChange,
  roles,
  errors,
}: {
  values: KeyFormValues;
  onChange: (values: KeyFormValues) => void;
  roles: RoleChoice[];
  errors?: FieldErrors;
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
      </Field>
    </div>
  );
}
