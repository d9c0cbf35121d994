"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import type { ReturnFocus } from "@/components/ui/return-focus";
import type { FieldErrors } from "@/lib/actions/result";
import { updateApiKeyAction } from "@/lib/actions/update-api-key";
import { KeyFields, type KeyFormValues } from "./key-fields";
import { LimitFields, limitFormValues, toLimitsInput, type LimitFormValues } from "./limit-fields";
import type { KeyRow, RoleChoice } from "./types";

// Keyed per opening by its caller, so each opening starts from the key as it is now.
export function EditKeyDialog({
  row,
  roles,
  open,
  onOpenChange,
  onDelete,
  returnFocus,
}: {
  row: KeyRow;
  roles: RoleChoice[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDelete: () => void;
  returnFocus?: ReturnFocus;
}) {
  const [values, setValues] = useState<KeyFormValues>({ name: row.name, roleId: row.role.id });
  const [limits, setLimits] = useState<LimitFormValues>(() => limitFormValues(row));
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();
  // The key's current role stays selectable even if it is above the editor's own.
  const choices = roles.map((role) => (role.id === row.role.id ? { ...role, grantable: true } : role));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateApiKeyAction({ keyId: row.keyId, ...values, ...toLimitsInput(limits) });
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
          <div className="space-y-4">
            <KeyFields values={values} onChange={setValues} roles={choices} errors={errors} />
            <LimitFields values={limits} onChange={setLimits} errors={errors} />
          </div>
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
