"use client";

import { ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { setTwoFactorPolicyAction } from "@/lib/actions/set-two-factor-policy";
import { useStepUp } from "./step-up";

// The account's "Require two-factor" policy, shown above the team; Owners change it in a
// small dialog (with a fresh proof of identity).
export function TwoFactorPolicyControl({
  requireTwoFactor,
  canWrite,
}: {
  requireTwoFactor: boolean;
  canWrite: boolean;
}) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [open, setOpen] = useState(false);
  const [required, setRequired] = useState(requireTwoFactor);
  const [pending, startTransition] = useTransition();

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) setRequired(requireTwoFactor);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await withStepUp(() => setTwoFactorPolicyAction({ requireTwoFactor: required }));
      if (result.ok) {
        toast.success(
          result.policy.requireTwoFactor
            ? "Two-factor is now required: members without it set it up at their next sign-in."
            : "Two-factor is no longer required.",
        );
        setOpen(false);
        router.refresh();
      } else toast.error(result.error);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <p className="mb-4 inline-flex flex-wrap items-center gap-1.5 text-sm text-muted-foreground">
        <ShieldCheck className="h-4 w-4" aria-hidden />
        {requireTwoFactor ? "Two-factor required for every member" : "Two-factor not required"}
        {canWrite ? (
          <Button variant="ghost" size="sm" onClick={() => onOpenChange(true)} aria-label="Change two-factor policy">
            Change
          </Button>
        ) : null}
      </p>
      <DialogContent
        title="Two-factor policy"
        description="Members whose login has no second factor are led to set one up, and can do nothing else until they do. API keys are not affected."
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <label className="flex items-center gap-2 text-sm text-foreground">
            <input
              type="checkbox"
              checked={required}
              onChange={(event) => setRequired(event.target.checked)}
              className="accent-primary"
            />
            Require two-factor
          </label>
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
