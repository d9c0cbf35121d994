"use client";

import { KeyRound } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { resetMemberPasswordAction } from "@/lib/actions/reset-member-password";
import type { MemberRow } from "./types";

// Gives a member a new one-time password, shown once; their sessions end and they choose
// their own at the next sign-in.
export function ResetPasswordButton({ member, disabled }: { member: MemberRow; disabled: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function reset() {
    startTransition(async () => {
      const result = await resetMemberPasswordAction({ id: member.id });
      setConfirming(false);
      if (result.ok) setPassword(result.oneTimePassword);
      else toast.error(result.error);
    });
  }

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Reset password of ${member.name}`}
        disabled={disabled}
        onClick={() => setConfirming(true)}
      >
        <KeyRound className="h-4 w-4" aria-hidden />
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Reset the password of ${member.name}?`}
        description="They are signed out everywhere and sign in next with a one-time password, shown to you once, which they must replace."
        confirmLabel="Reset password"
        pending={pending}
        onConfirm={reset}
      />
      <Dialog open={password !== null} onOpenChange={(open) => !open && setPassword(null)}>
        {password !== null ? (
          <DialogContent
            title="One-time password"
            description={`Give ${member.email} this password. It will not be shown again.`}
            onInteractOutside={(event) => event.preventDefault()}
          >
            <div className="flex items-center gap-2">
              <code
                data-testid="one-time-password"
                className="flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm"
              >
                {password}
              </code>
              <CopyButton value={password} label="Copy" />
            </div>
            <DialogFooter>
              <Button onClick={() => setPassword(null)}>Done</Button>
            </DialogFooter>
          </DialogContent>
        ) : null}
      </Dialog>
    </>
  );
}
