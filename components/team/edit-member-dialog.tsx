"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { ReturnFocus } from "@/components/ui/return-focus";
import { Select } from "@/components/ui/select";
import { roleOptions } from "@/components/roles/role-options";
import { updateMemberAction } from "@/lib/actions/update-member";
import type { RoleChoice } from "@/components/roles/role-options";
import type { MemberRow } from "./types";
import { useStepUp } from "@/components/two-factor/step-up";

// Changes a member's role. Keyed per opening by its caller, so it starts from the member's
// role as it is now.
export function EditMemberDialog({
  member,
  roles,
  open,
  onOpenChange,
  returnFocus,
}: {
  member: MemberRow;
  roles: RoleChoice[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus?: ReturnFocus;
}) {
  const withStepUp = useStepUp();
  const [roleId, setRoleId] = useState(member.role.id);
  const [pending, startTransition] = useTransition();

  function save(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await withStepUp(() => updateMemberAction({ id: member.id, roleId }));
      if (result.ok) {
        toast.success(`${member.name} now has a new role.`);
        onOpenChange(false);
      } else toast.error(result.error);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} returnFocus={returnFocus}>
      <DialogContent title={`Edit ${member.name}`} description={member.email}>
        <form onSubmit={save} className="space-y-4">
          <Field id="edit-member-role" label="Role">
            <Select
              id="edit-member-role"
              value={roleId}
              onValueChange={setRoleId}
              options={roleOptions(roles, member.role.id)}
            />
          </Field>
          <DialogFooter>
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
