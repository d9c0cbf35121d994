"use client";

import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import type { ReturnFocus } from "@/components/ui/return-focus";
import { Field } from "@/components/ui/field";
import { useFocusOnError } from "@/components/ui/focus-error";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/actions/result";
import { saveRoleAction } from "@/lib/actions/save-role";
import { allPermissions, AREA_NAMES, maxLevelOf, type Permissions } from "@/lib/permissions";
import { LevelPicker } from "./level-picker";
import type { RoleRow } from "./types";
import { useStepUp } from "@/components/two-factor/step-up";

// Keyed per opening by its caller, so each opening starts from the role as it is now.
// With `readOnly` (why it can't be changed) it shows the role's levels, nothing to save.
export function RoleFormDialog({
  role,
  own,
  readOnly,
  open,
  onOpenChange,
  returnFocus,
}: {
  role?: RoleRow;
  own: Permissions;
  readOnly?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus?: ReturnFocus;
}) {
  const withStepUp = useStepUp();
  const [name, setName] = useState(role?.name ?? "");
  const [permissions, setPermissions] = useState<Permissions>(role?.permissions ?? allPermissions("NONE"));
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, errors);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (readOnly) return;
    startTransition(async () => {
      const result = await withStepUp(() => saveRoleAction({ id: role?.id, name, permissions }));
      if (result.ok) {
        toast.success(`Role “${result.role.name}” saved.`);
        onOpenChange(false);
      } else {
        // A field's error (a name taken) shows under the field, which gets focus.
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} returnFocus={returnFocus}>
      <DialogContent
        title={role ? (readOnly ? role.name : `Edit ${role.name}`) : "Add Role"}
        description={
          readOnly
            ? `${readOnly} Read Access allows an area's GET endpoints; Full Access all of them.`
            : "Choose one level for each area. Read Access allows an area's GET endpoints; Full Access all of them."
        }
      >
        <form ref={form} onSubmit={submit} noValidate className="space-y-4">
          <Field id="role-name" label="Role Name" error={errors?.name?.[0]}>
            <Input
              id="role-name"
              value={name}
              maxLength={60}
              readOnly={Boolean(readOnly)}
              onChange={(event) => {
                setName(event.target.value);
                // The name's error is about the name as it was: typing clears it.
                if (errors?.name) setErrors({ ...errors, name: undefined });
              }}
              aria-invalid={Boolean(errors?.name) || undefined}
            />
          </Field>
          {!readOnly && AREA_NAMES.some((area) => own[area] !== maxLevelOf(area)) ? (
            <p className="text-xs text-muted-foreground">
              Levels above your own access are greyed out: nobody can grant more than they have.
            </p>
          ) : null}
          <LevelPicker value={permissions} onChange={setPermissions} own={own} readOnly={Boolean(readOnly)} />
          <DialogFooter>
            {readOnly ? (
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Close
              </Button>
            ) : (
              <>
                <Button variant="secondary" onClick={() => onOpenChange(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={pending}>
                  {pending ? "Saving…" : "Save Role"}
                </Button>
              </>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
