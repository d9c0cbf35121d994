"use client";

import { Plus } from "lucide-react";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useFocusOnError } from "@/components/ui/focus-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { roleOptions } from "@/components/roles/role-options";
import { addMemberAction } from "@/lib/actions/add-member";
import type { FieldErrors } from "@/lib/actions/result";
import type { RoleChoice } from "@/components/roles/role-options";
import { InvitationLinkContent, type NewInvitation } from "./invitation-link-dialog";
import { reachServer } from "@/components/ui/reach-server";

export function AddMemberDialog({ roles, disabled }: { roles: RoleChoice[]; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  // Each closing starts a new form: the password leaves the page's memory with the dialog.
  const [round, setRound] = useState(0);
  function change(next: boolean) {
    setOpen(next);
    if (!next) setRound((n) => n + 1);
  }
  return (
    <Dialog open={open} onOpenChange={change}>
      <Button disabled={disabled} onClick={() => change(true)}>
        <Plus className="h-4 w-4" aria-hidden /> Add Member
      </Button>
      <AddMemberContent key={round} roles={roles} onClose={() => change(false)} />
    </Dialog>
  );
}

function AddMemberContent({ roles, onClose }: { roles: RoleChoice[]; onClose: () => void }) {
  const [values, setValues] = useState({
    name: "",
    email: "",
    roleId: roles.find((role) => role.grantable && role.name !== "Owner")?.id ?? "",
  });
  const [errors, setErrors] = useState<FieldErrors>();
  const [created, setCreated] = useState<NewInvitation | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, errors);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await reachServer(() => addMemberAction(values));
      if (result.ok)
        setCreated({ email: result.member.email, url: result.invitationUrl, mailed: result.invitationMailed });
      else {
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  return created ? (
    <InvitationLinkContent title="Invitation created" invitation={created} onClose={onClose} />
  ) : (
    <DialogContent
      key="form"
      title="Add Member"
      description="They get a link to join: new people choose a password, people who already use Wisp Portal sign in."
    >
      <form ref={form} onSubmit={submit} noValidate className="space-y-4">
        <Field id="member-name" label="Name" error={errors?.name?.[0]}>
          <Input
            id="member-name"
            value={values.name}
            onChange={(event) => setValues({ ...values, name: event.target.value })}
          />
        </Field>
        <Field id="member-email" label="Email" error={errors?.email?.[0]}>
          <Input
            id="member-email"
            type="email"
            value={values.email}
            onChange={(event) => {
              setValues({ ...values, email: event.target.value });
              if (errors?.email) setErrors({ ...errors, email: undefined });
            }}
          />
        </Field>
        <Field id="member-role" label="Role" error={errors?.roleId?.[0]}>
          <Select
            id="member-role"
            value={values.roleId}
            placeholder="Choose a role"
            onValueChange={(roleId) => setValues({ ...values, roleId })}
            options={roleOptions(roles)}
          />
        </Field>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add Member"}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}
