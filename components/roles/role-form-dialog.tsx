"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/actions/result";
import { saveRoleAction } from "@/lib/actions/save-role";
import { allPermissions, AREA_NAMES, maxLevelOf, type Permissions } from "@/lib/permissions";
import { LevelPicker } from "./level-picker";
import type { RoleRow } from "./types";

export function RoleFormDialog({
  role,
  own,
  open,
  onOpenChange,
}: {
  role?: RoleRow;
  own: Permissions;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [name, setName] = useState("");
  const [permissions, setPermissions] = useState<Permissions>(allPermissions("NONE"));
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();

  // Each opening starts from the role as it is now (state adjusted during render, not in an effect).
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setName(role?.name ?? "");
      setPermissions(role?.permissions ?? allPermissions("NONE"));
      setErrors(undefined);
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await saveRoleAction({ id: role?.id, name, permissions });
      if (result.ok) {
        toast.success(`Role “${result.role.name}” saved.`);
        onOpenChange(false);
      } else {
        setErrors(result.fieldErrors);
        toast.error(result.error);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        title={role ? `Edit ${role.name}` : "Add Role"}
        description="Choose one level for each area. Read Access allows an area's GET endpoints; Full Access all of them."
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id="role-name" label="Role Name" error={errors?.name?.[0]}>
            <Input
              id="role-name"
              value={name}
              maxLength={60}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={Boolean(errors?.name) || undefined}
            />
          </Field>
          {AREA_NAMES.some((area) => own[area] !== maxLevelOf(area)) ? (
            <p className="text-xs text-slate-500">
              Levels above your own access are greyed out: nobody can grant more than they have.
            </p>
          ) : null}
          <div className="max-h-[50vh] overflow-y-auto">
            <LevelPicker value={permissions} onChange={setPermissions} own={own} />
          </div>
          <DialogFooter>
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save Role"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
