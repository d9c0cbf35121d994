"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import type { ReturnFocus } from "@/components/ui/return-focus";
import type { FieldErrors } from "@/lib/actions/result";
import { updateApiKeyAction } from "@/lib/actions/update-api-key";
import { KeyFields, keyFormInput, type KeyFormValues } from "./key-fields";
import { limitFormValues } from "./limit-fields";
import { notesFormValues } from "./notes-fields";
import { scopeFormValues } from "./scope-field";
import type { RoleChoice } from "@/components/roles/role-options";
import type { KeyRow, ScopeChoices } from "./types";
import { reachServer } from "@/components/ui/reach-server";

const valuesOf = (row: KeyRow): KeyFormValues => ({
  name: row.name,
  roleId: row.role.id,
  expiry: { choice: "keep", custom: "" },
  allowlist: row.ipAllowlist.join("\n"),
  limits: limitFormValues(row),
  notes: notesFormValues(row),
  scope: scopeFormValues(row.scope),
});

// Keyed per opening by its caller, so each opening starts from the key as it is now.
export function EditKeyDialog({
  row,
  roles,
  open,
  onOpenChange,
  onDelete,
  returnFocus,
  maxLifetimeDays,
  scopeChoices,
}: {
  row: KeyRow;
  roles: RoleChoice[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDelete: () => void;
  returnFocus?: ReturnFocus;
  maxLifetimeDays: number | null;
  scopeChoices: ScopeChoices;
}) {
  const [values, setValues] = useState<KeyFormValues>(() => valuesOf(row));
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();
  // The key's current role stays selectable even if it is above the editor's own.
  const choices = roles.map((role) => (role.id === row.role.id ? { ...role, grantable: true } : role));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const form = keyFormInput(values);
    if ("errors" in form) {
      setErrors(form.errors);
      return;
    }
    startTransition(async () => {
      const result = await reachServer(() => updateApiKeyAction({ keyId: row.keyId, ...form.input }));
      if (result.ok) {
        toast.success(`Key “${result.key.name}” saved.`);
        onOpenChange(false);
      } else {
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} returnFocus={returnFocus}>
      <DialogContent title="Edit key" description={<code className="font-mono text-xs">{row.keyId}</code>}>
        <form onSubmit={submit} noValidate>
          <KeyFields
            values={values}
            onChange={setValues}
            roles={choices}
            errors={errors}
            maxLifetimeDays={maxLifetimeDays}
            currentExpiresAt={row.expiresAt}
            scopeChoices={scopeChoices}
          />
          <DialogFooter>
            <Button
              variant="ghost"
              className="mr-auto text-destructive-foreground hover:bg-destructive-soft hover:text-destructive-foreground"
              onClick={onDelete}
            >
              Delete key
            </Button>
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
