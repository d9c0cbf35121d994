"use client";

import { Plus } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { createApiKeyAction } from "@/lib/actions/create-api-key";
import type { FieldErrors } from "@/lib/actions/result";
import { levelRank } from "@/lib/permissions";
import { KeyFields, type KeyFormValues } from "./key-fields";
import { LimitFields, NO_LIMITS, toLimitsInput, type LimitFormValues } from "./limit-fields";
import { SecretView } from "./secret-view";
import type { RoleChoice } from "./types";

export function CreateKeyDialog({ roles, disabled }: { roles: RoleChoice[]; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  // Each closing starts a new form: the secret leaves the page's memory with the dialog,
  // and a request still finishing from before can't hold the new form's button.
  const [round, setRound] = useState(0);
  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) setRound((n) => n + 1);
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <Button onClick={() => onOpenChange(true)} disabled={disabled}>
        <Plus className="h-4 w-4" aria-hidden />
        Create Key
      </Button>
      <CreateKeyContent key={round} roles={roles} onClose={() => onOpenChange(false)} />
    </Dialog>
  );
}

function CreateKeyContent({ roles, onClose }: { roles: RoleChoice[]; onClose: () => void }) {
  // Least privilege by default: the grantable role that allows the least.
  const [values, setValues] = useState<KeyFormValues>({ name: "", roleId: leastPrivileged(roles) });
  const [limits, setLimits] = useState<LimitFormValues>(NO_LIMITS);
  const [errors, setErrors] = useState<FieldErrors>();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await createApiKeyAction({ ...values, ...toLimitsInput(limits) });
      if (result.ok) {
        setCreated({ name: result.key.name, secret: result.secret });
        toast.success(`Key “${result.key.name}” created.`);
      } else {
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  // Two contents (keyed), so focus starts afresh in the second one: on its Copy button.
  return created ? (
    <DialogContent
      key="secret"
      title="Save your API key"
      description={`“${created.name}” is ready. Copy the key now and keep it somewhere safe.`}
      onInteractOutside={(event) => event.preventDefault()}
    >
      <SecretView secret={created.secret} />
      <DialogFooter>
        <Button onClick={onClose}>Done</Button>
      </DialogFooter>
    </DialogContent>
  ) : (
    <DialogContent
      key="form"
      title="Create Key"
      description="A key lets a script call the API with the permissions of its role."
    >
      <form onSubmit={submit} noValidate>
        <div className="space-y-4">
          <KeyFields values={values} onChange={setValues} roles={roles} errors={errors} />
          <LimitFields values={limits} onChange={setLimits} errors={errors} />
        </div>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create Key"}
          </Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}

function leastPrivileged(roles: RoleChoice[]): string {
  const weight = (role: RoleChoice) =>
    Object.values(role.permissions).reduce((sum, level) => sum + levelRank(level), 0);
  return [...roles].filter((role) => role.grantable).sort((a, b) => weight(a) - weight(b))[0]?.id ?? "";
}
