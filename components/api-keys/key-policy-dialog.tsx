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
import { MAX_LIFETIME_DAYS } from "@/lib/validations/api-key";
import { useStepUp } from "@/components/two-factor/step-up";

// The account's maximum key lifetime: shown beside Create Key, changed in a small dialog.
export function KeyPolicyControl({ maxLifetimeDays, canWrite }: { maxLifetimeDays: number | null; canWrite: boolean }) {
  const withStepUp = useStepUp();
  const [open, setOpen] = useState(false);
  const [limited, setLimited] = useState(maxLifetimeDays !== null);
  const [days, setDays] = useState(String(maxLifetimeDays ?? 90));
  const [errors, setErrors] = useState<FieldErrors>();
  const [pending, startTransition] = useTransition();

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setLimited(maxLifetimeDays !== null);
      setDays(String(maxLifetimeDays ?? 90));
      setErrors(undefined);
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await withStepUp(() => setKeyPolicyAction({ maxKeyLifetimeDays: limited ? Number(days) : null }));
      if (result.ok) {
        toast.success(
          result.policy.maxKeyLifetimeDays === null
            ? "New keys may run without an expiry."
            : `New keys must expire within ${result.policy.maxKeyLifetimeDays} days.`,
        );
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
        {maxLifetimeDays === null ? "No maximum lifetime" : `Keys expire within ${maxLifetimeDays} days`}
        {canWrite ? (
          <Button variant="ghost" size="sm" onClick={() => onOpenChange(true)} aria-label="Change key lifetime policy">
            Change
          </Button>
        ) : null}
      </span>
      <DialogContent
        title="Maximum key lifetime"
        description="Applies whenever an expiry is set: to new keys and to changed expiries. Existing keys keep theirs."
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <label className="flex items-center gap-2 text-sm text-foreground">
            <input
              type="checkbox"
              checked={limited}
              onChange={(event) => setLimited(event.target.checked)}
              className="accent-primary"
            />
            Keys must expire
          </label>
          {limited ? (
            <Field id="max-lifetime" label="Within (days)" error={errors?.maxKeyLifetimeDays?.[0]}>
              <Input
                id="max-lifetime"
                type="number"
                min={1}
                max={MAX_LIFETIME_DAYS}
                inputMode="numeric"
                value={days}
                aria-invalid={Boolean(errors?.maxKeyLifetimeDays) || undefined}
                onChange={(event) => setDays(event.target.value)}
              />
            </Field>
          ) : null}
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
