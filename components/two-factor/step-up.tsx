"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { KeyRound, ShieldCheck } from "lucide-react";
import { createContext, use, useCallback, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { passkeyProofOptionsAction } from "@/lib/actions/passkey-proof-options";
import { proveIdentityAction } from "@/lib/actions/prove-identity";
import type { ActionResult } from "@/lib/actions/result";
import { reachServer } from "@/components/ui/reach-server";
import { PASSKEY_CANCELLED } from "./passkey-messages";

type Unreachable = Extract<ActionResult, { ok: false }>;

// Step-up ("sudo mode") in the portal: an action answered with `stepUp` opens this dialog
// over whatever dialog sent it (which keeps what was typed); once the person proves it is
// them (a second factor, or the password for a login without one), the same call is
// sent again. The server decides; this only asks.
type Ask = () => Promise<boolean>;
const StepUpContext = createContext<Ask | null>(null);

export function StepUpProvider({
  twoFactor,
  passkeys = false,
  children,
}: {
  twoFactor: boolean;
  passkeys?: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const settle = useRef<((proved: boolean) => void) | null>(null);

  const ask = useCallback<Ask>(
    () =>
      new Promise<boolean>((resolve) => {
        settle.current?.(false);
        settle.current = resolve;
        setError(undefined);
        setOpen(true);
      }),
    [],
  );

  function close(proved: boolean) {
    setOpen(false);
    settle.current?.(proved);
    settle.current = null;
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = twoFactor
      ? { code: String(form.get("code") ?? "") }
      : { password: String(form.get("password") ?? "") };
    setPending(true);
    const result = await proveIdentityAction(input).finally(() => setPending(false));
    if (result.ok) close(true);
    else setError(result.fieldErrors?.code?.[0] ?? result.fieldErrors?.password?.[0] ?? result.error);
  }

  async function proveWithPasskey() {
    setError(undefined);
    setPending(true);
    try {
      const options = await passkeyProofOptionsAction({});
      if (!options.ok) return setError(options.error);
      let answer;
      try {
        answer = await startAuthentication({ optionsJSON: options.options });
      } catch {
        return setError(PASSKEY_CANCELLED);
      }
      const result = await proveIdentityAction({ passkey: JSON.stringify(answer) });
      if (result.ok) close(true);
      else setError(result.fieldErrors?.passkey?.[0] ?? result.error);
    } finally {
      setPending(false);
    }
  }

  const field = twoFactor ? "step-up-code" : "step-up-password";
  return (
    <StepUpContext value={ask}>
      {children}
      <Dialog open={open} onOpenChange={(next) => (next ? setOpen(true) : close(false))}>
        <DialogContent
          title="Confirm it's you"
          description={
            twoFactor
              ? passkeys
                ? "This change needs a fresh proof: use a passkey, or enter a code from your authenticator app or a recovery code."
                : "This change needs a fresh proof: enter a code from your authenticator app, or a recovery code."
              : "This change needs a fresh proof: enter your password."
          }
        >
          <form onSubmit={submit} noValidate className="space-y-4">
            <div className="flex items-center gap-2 text-sm text-muted-foreground">
              <ShieldCheck className="h-4 w-4 text-link" aria-hidden /> You won&apos;t be asked again for 10 minutes.
            </div>
            {twoFactor && passkeys ? (
              <Button
                variant="secondary"
                className="w-full justify-center"
                disabled={pending}
                onClick={proveWithPasskey}
              >
                <KeyRound className="h-4 w-4" aria-hidden /> Use a passkey
              </Button>
            ) : null}
            <Field id={field} label={twoFactor ? "Code" : "Password"} error={error}>
              {twoFactor ? (
                <Input id={field} name="code" autoComplete="one-time-code" required autoFocus />
              ) : (
                <Input id={field} name="password" type="password" autoComplete="current-password" required autoFocus />
              )}
            </Field>
            <DialogFooter>
              <Button variant="secondary" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Checking…" : "Confirm"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </StepUpContext>
  );
}

// Wraps a server action call: asked for a fresh proof, it asks the person and calls again.
export function useStepUp() {
  const ask = use(StepUpContext);
  return useCallback(
    async function withStepUp<R extends ActionResult>(call: () => Promise<R>): Promise<R | Unreachable> {
      const result = await reachServer(call);
      if (result.ok || !("stepUp" in result) || !result.stepUp || !ask) return result;
      return (await ask()) ? reachServer(call) : result;
    },
    [ask],
  );
}
