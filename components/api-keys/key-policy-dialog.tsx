"use client";

import { Timer } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/actions/result";
import { setKeyPolicyAction } from "@/lib/actions/set-key-policy";
import { MAX_LIFETIME_DAYS, UNUSED_NOTICE_DAYS, type KeyPolicy } from "@/lib/validations/api-key";
import { useStepUp } from "@/components/two-factor/step-up";

// The account's key policy, shown beside Create Key and changed in a small dialog: the
// longest a key may run, and after how many days without a request a key is disabled.
function summary(policy: KeyPolicy): string {
  const lifetime =
    policy.maxKeyLifetimeDays === null ? "No maximum lifetime" : `Keys expire within ${policy.maxKeyLifetimeDays} days`;
  return policy.disableUnusedAfterDays === null
    ? lifetime
    : `${lifetime} · unused for ${policy.disableUnusedAfterDays} days: disabled`;
}

function formOf(policy: KeyPolicy) {
  return {
    limited: policy.maxKeyLifetimeDays !== null,
    days: String(policy.maxKeyLifetimeDays ?? 90),
    sweep: policy.disableUnusedAfterDays !== null,
    unusedDays: String(policy.disableUnusedAfterDays ?? 90),
  };
}

export function KeyPolicyControl({ policy, canWrite }: { policy: KeyPolicy; canWrite: boolean }) {
  const withStepUp = useStepUp();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(() => formOf(policy));
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setForm(formOf(policy));
      setErrors(undefined);
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await withStepUp(() =>
        setKeyPolicyAction({
          maxKeyLifetimeDays: form.limited ? Number(form.days) : null,
          disableUnusedAfterDays: form.sweep ? Number(form.unusedDays) : null,
        }),
      );
      if (result.ok) {
        toast.success("Key policy saved.");
        setOpen(false);
      } else {
        setErrors(result.fieldErrors);
        if (!result.fieldErrors) toast.error(result.error);
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <span className="inline-flex items-center gap-1.5 text-sm text-muted-foreground">
        <Timer className="h-4 w-4" aria-hidden />
        {summary(policy)}
        {canWrite ? (
          <Button variant="ghost" size="sm" onClick={() => onOpenChange(true)} aria-label="Change key policy">
            Change
          </Button>
        ) : null}
      </span>
      <DialogContent
        title="Key policy"
        description="For every key of this account, whoever created it. A maximum lifetime applies whenever an expiry is set; existing keys keep theirs."
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="sr-only">Maximum lifetime</legend>
            <label className="flex items-center gap-2 text-sm text-foreground">
              <input
                type="checkbox"
                checked={form.limited}
                onChange={(event) => set({ limited: event.target.checked })}
                className="accent-primary"
              />
              Keys must expire
            </label>
            {form.limited ? (
              <Field id="max-lifetime" label="Within (days)" error={errors?.maxKeyLifetimeDays?.[0]}>
                <Input
                  id="max-lifetime"
                  type="number"
                  min={1}
                  max={MAX_LIFETIME_DAYS}
                  inputMode="numeric"
                  value={form.days}
                  aria-invalid={Boolean(errors?.maxKeyLifetimeDays) || undefined}
                  onChange={(event) => set({ days: event.target.value })}
                />
              </Field>
            ) : null}
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="sr-only">Unused keys</legend>
            <label className="flex items-center gap-2 text-sm text-foreground">
              <input
                type="checkbox"
                checked={form.sweep}
                onChange={(event) => set({ sweep: event.target.checked })}
                className="accent-primary"
              />
              Disable keys that go unused
            </label>
            {form.sweep ? (
              <Field
                id="unused-days"
                label="After (days without a request)"
                hint={`Their creators and the Owners are mailed ${UNUSED_NOTICE_DAYS} days before. A disabled key can be enabled again.`}
                error={errors?.disableUnusedAfterDays?.[0]}
              >
                <Input
                  id="unused-days"
                  type="number"
                  min={UNUSED_NOTICE_DAYS + 1}
                  max={MAX_LIFETIME_DAYS}
                  inputMode="numeric"
                  value={form.unusedDays}
                  aria-invalid={Boolean(errors?.disableUnusedAfterDays) || undefined}
                  onChange={(event) => set({ unusedDays: event.target.value })}
                />
              </Field>
            ) : null}
          </fieldset>
          <DialogFooter>
            <Button variant="secondary" onClick={() => setOpen(false)}>
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
