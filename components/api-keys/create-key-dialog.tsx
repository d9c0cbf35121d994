"use client";

import { Plus } from "lucide-react";
import { useImperativeHandle, useRef, useState, useTransition, type Ref } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { createApiKeyAction } from "@/lib/actions/create-api-key";
import type { FieldErrors } from "@/lib/actions/result";
import { hasAnyAccess, levelRank } from "@/lib/permissions";
import { defaultExpiry } from "./expiry-field";
import { KeyFields, keyFormInput, type KeyFormValues } from "./key-fields";
import { NO_LIMITS } from "./limit-fields";
import { NO_NOTES } from "./notes-fields";
import { WHOLE_ACCOUNT } from "./scope-field";
import type { ScopeChoices } from "./types";
import { ShowOnceSecret, useShowOnce } from "./show-once-secret";
import type { RoleChoice } from "@/components/roles/role-options";
import { useStepUp } from "@/components/two-factor/step-up";

export function CreateKeyDialog({
  roles,
  disabled,
  describedBy,
  maxLifetimeDays,
  origin,
  scopeChoices,
  ref,
  showButton = true,
}: {
  roles: RoleChoice[];
  disabled?: boolean;
  // The id of the text that says why it is disabled.
  describedBy?: string;
  // For a Create Key button elsewhere (the empty list's): opens this dialog, which stays
  // mounted where it is while the list's layout changes under it.
  ref?: Ref<{ open: () => void }>;
  showButton?: boolean;
  maxLifetimeDays: number | null;
  origin: string;
  scopeChoices: ScopeChoices;
}) {
  const withStepUp = useStepUp();
  const firstGrantable = defaultRole(roles);
  const blank = (): KeyFormValues => ({
    name: "",
    roleId: firstGrantable,
    expiry: defaultExpiry(maxLifetimeDays),
    allowlist: "",
    limits: NO_LIMITS,
    notes: NO_NOTES,
    scope: WHOLE_ACCOUNT,
  });
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<KeyFormValues>(blank);
  const [errors, setErrors] = useState<FieldErrors>();
  const showOnce = useShowOnce();
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    showOnce.forget();
    setValues(blank());
    setErrors(undefined);
  }

  function onOpenChange(next: boolean) {
    if (next) {
      openedFrom.current = document.activeElement;
      // From the account's policy as it is now.
      setValues(blank());
      setOpen(true);
    } else if (showOnce.requestClose()) close();
  }

  useImperativeHandle(ref, () => ({ open: () => onOpenChange(true) }));
  const button = useRef<HTMLButtonElement>(null);
  const openedFrom = useRef<Element | null>(null);
  // The empty list's button is gone once the first key exists: focus goes to this one then.
  const returnFocus = () => (openedFrom.current?.isConnected ? undefined : (button.current ?? undefined));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const form = keyFormInput(values);
    if ("errors" in form) {
      setErrors(form.errors);
      return;
    }
    startTransition(async () => {
      const result = await withStepUp(() => createApiKeyAction(form.input));
      if (result.ok) {
        showOnce.show({ keyName: result.key.name, secret: result.secret, rolled: false });
        toast.success(`Key “${result.key.name}” created.`);
      } else {
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} returnFocus={returnFocus}>
      {showButton ? (
        <Button ref={button} onClick={() => onOpenChange(true)} disabled={disabled} aria-describedby={describedBy}>
          <Plus className="h-4 w-4" aria-hidden />
          Create Key
        </Button>
      ) : null}
      {showOnce.shown ? (
        <ShowOnceSecret showOnce={{ ...showOnce, shown: showOnce.shown }} origin={origin} onDone={close} />
      ) : (
        <DialogContent
          title="Create Key"
          description="A key lets a script call the API with the permissions of its role."
        >
          <form onSubmit={submit} noValidate>
            <KeyFields
              values={values}
              onChange={setValues}
              roles={roles}
              errors={errors}
              maxLifetimeDays={maxLifetimeDays}
              scopeChoices={scopeChoices}
            />
            <DialogFooter>
              <Button variant="secondary" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create Key"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}

// Read Only by default (Read Access everywhere): a safe start that still works. Without it
// (a viewer who may grant less), the grantable role that allows the least but something.
function defaultRole(roles: RoleChoice[]): string {
  const grantable = roles.filter((role) => role.grantable);
  const readOnly = grantable.find((role) => Object.values(role.permissions).every((level) => level === "READ"));
  if (readOnly) return readOnly.id;
  const weight = (role: RoleChoice) =>
    Object.values(role.permissions).reduce((sum, level) => sum + levelRank(level), 0);
  const useful = grantable.filter((role) => hasAnyAccess(role.permissions));
  return [...(useful.length > 0 ? useful : grantable)].sort((a, b) => weight(a) - weight(b))[0]?.id ?? "";
}
