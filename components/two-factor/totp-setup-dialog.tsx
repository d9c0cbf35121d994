"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { confirmTotpSetupAction } from "@/lib/actions/confirm-totp-setup";
import type { TotpSetup } from "@/lib/auth/totp";
import { QrCode } from "./qr-code";
import { RecoveryCodes } from "./recovery-codes";
import { useStepUp } from "./step-up";

// Setting up an authenticator app: scan the QR code (or type the secret), confirm with
// the first code, then save the recovery codes, shown once.
export function TotpSetupDialog({
  setup,
  onClose,
}: {
  setup: TotpSetup | null;
  onClose: (confirmed: boolean) => void;
}) {
  const withStepUp = useStepUp();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);

  function close() {
    const confirmed = codes !== null;
    setCode("");
    setError(undefined);
    setCodes(null);
    onClose(confirmed);
  }

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    const result = await withStepUp(() => confirmTotpSetupAction({ code })).finally(() => setPending(false));
    if (result.ok) {
      setCodes(result.recoveryCodes);
      setError(undefined);
    } else setError(result.fieldErrors?.code?.[0] ?? result.error);
  }

  return (
    <Dialog open={setup !== null} onOpenChange={(open) => (open ? undefined : close())}>
      {setup ? (
        codes ? (
          <DialogContent title="Save your recovery codes" description="Your authenticator app is set up.">
            <RecoveryCodes codes={codes} />
            <DialogFooter>
              <Button onClick={close}>I saved them</Button>
            </DialogFooter>
          </DialogContent>
        ) : (
          <DialogContent
            title="Set up an authenticator app"
            description="Scan the QR code with your authenticator app, or type the secret into it. Then enter the code it shows."
          >
            <form onSubmit={confirm} noValidate className="space-y-4">
              <QrCode value={setup.uri} label="QR code to add Wisp Portal to your authenticator app" />
              <div className="space-y-1.5">
                <p className="text-sm font-medium text-foreground" id="totp-secret-label">
                  Secret
                </p>
                <div className="flex items-center gap-2">
                  <code
                    aria-labelledby="totp-secret-label"
                    data-testid="totp-secret"
                    className="min-w-0 flex-1 rounded-md bg-muted px-2 py-1.5 font-mono text-sm break-all text-foreground"
                  >
                    {setup.secret}
                  </code>
                  <CopyButton value={setup.secret} label="Copy the secret" subtle />
                </div>
              </div>
              <Field id="totp-code" label="Code from the app" error={error}>
                <Input
                  id="totp-code"
                  name="code"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                  required
                />
              </Field>
              <DialogFooter>
                <Button variant="secondary" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" disabled={pending}>
                  {pending ? "Checking…" : "Turn on"}
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        )
      ) : null}
    </Dialog>
  );
}
