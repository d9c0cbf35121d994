"use client";

import { Smartphone } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { regenerateRecoveryCodesAction } from "@/lib/actions/regenerate-recovery-codes";
import { removeTotpAction } from "@/lib/actions/remove-totp";
import { startTotpSetupAction } from "@/lib/actions/start-totp-setup";
import type { TwoFactorStatus } from "@/lib/auth/second-factor";
import type { TotpSetup } from "@/lib/auth/totp";
import { PasskeysSection } from "./passkeys-section";
import { RecoveryCodes } from "./recovery-codes";
import { useStepUp } from "./step-up";
import { TotpSetupDialog } from "./totp-setup-dialog";

// /account's two-factor section: the authenticator app (set up, or remove), the
// recovery codes (how many are left; new ones replace them) and the passkeys. `onSetUp`: where to go once
// a factor is set up (the setup page of an account that requires it).
export function TwoFactorSection({ status, onSetUp }: { status: TwoFactorStatus; onSetUp?: string }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [confirmNewCodes, setConfirmNewCodes] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, startTransition] = useTransition();

  function start() {
    startTransition(async () => {
      const result = await withStepUp(() => startTotpSetupAction({}));
      if (result.ok) setSetup(result.setup);
      else toast.error(result.error);
    });
  }

  function closeSetup(confirmed: boolean) {
    setSetup(null);
    if (!confirmed) return;
    toast.success("Two-factor is on.");
    if (onSetUp) router.push(onSetUp);
    else router.refresh();
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2 text-sm">
          <Smartphone className="h-4 w-4 text-muted-foreground" aria-hidden />
          <span className="text-foreground">Authenticator app:</span>
          <span className="font-medium text-foreground">{status.totp ? "On" : "Off"}</span>
        </div>
        {status.totp ? (
          <Button variant="secondary" disabled={pending} onClick={() => setConfirmRemove(true)}>
            Remove authenticator app
          </Button>
        ) : (
          <Button disabled={pending} onClick={start}>
            Set up authenticator app
          </Button>
        )}
      </div>
      {status.totp ? (
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <span className="text-muted-foreground">{status.recoveryCodes} of 10 recovery codes left</span>
          <Button variant="secondary" disabled={pending} onClick={() => setConfirmNewCodes(true)}>
            New recovery codes
          </Button>
        </div>
      ) : null}
      <PasskeysSection passkeys={status.passkeys} onSetUp={onSetUp} />
      <TotpSetupDialog setup={setup} onClose={closeSetup} />
      <ConfirmDialog
        open={confirmRemove}
        onOpenChange={setConfirmRemove}
        title="Remove the authenticator app?"
        description="Your password alone will sign you in again, and your recovery codes stop working."
        confirmLabel="Remove"
        pendingLabel="Removing…"
        action={() => withStepUp(() => removeTotpAction({}))}
        success="The authenticator app was removed."
        onDone={() => router.refresh()}
      />
      <ConfirmDialog
        open={confirmNewCodes}
        onOpenChange={setConfirmNewCodes}
        title="Replace your recovery codes?"
        description="Ten new codes replace all the old ones, used or not."
        confirmLabel="Replace"
        pendingLabel="Replacing…"
        onConfirm={async () => {
          const result = await withStepUp(() => regenerateRecoveryCodesAction({}));
          setConfirmNewCodes(false);
          if (result.ok) setCodes(result.recoveryCodes);
          else toast.error(result.error);
        }}
      />
      <Dialog open={codes !== null} onOpenChange={(open) => (open ? undefined : (setCodes(null), router.refresh()))}>
        {codes ? (
          <DialogContent title="Your new recovery codes">
            <RecoveryCodes codes={codes} />
            <DialogFooter>
              <Button
                onClick={() => {
                  setCodes(null);
                  router.refresh();
                }}
              >
                I saved them
              </Button>
            </DialogFooter>
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}
