"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { KeyRound, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { PASSKEY_CANCELLED } from "@/components/two-factor/passkey-messages";
import { passkeySignInOptionsAction } from "@/lib/actions/passkey-sign-in-options";
import { signInSecondStepAction } from "@/lib/actions/sign-in-second-step";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";

// The code of the login's authenticator app, or one of its recovery codes; or one of its
// passkeys (the browser signs the server's challenge, sent with the same action).
export function SecondStepForm({ next, passkeys }: { next: string | null; passkeys: boolean }) {
  const [state, action, pending] = useActionState(signInSecondStepAction, null);
  const [passkeyError, setPasskeyError] = useState<string>();
  const [asking, setAsking] = useState(false);
  const codeError = state && !state.ok ? state.fieldErrors?.code?.[0] : undefined;

  async function signInWithPasskey() {
    setPasskeyError(undefined);
    setAsking(true);
    try {
      const options = await passkeySignInOptionsAction();
      if (!options.ok) return setPasskeyError(options.error);
      let answer;
      try {
        answer = await startAuthentication({ optionsJSON: options.options });
      } catch {
        return setPasskeyError(PASSKEY_CANCELLED);
      }
      const form = new FormData();
      form.set("passkey", JSON.stringify(answer));
      if (next) form.set("next", next);
      startTransition(() => action(form));
    } finally {
      setAsking(false);
    }
  }

  const formError = passkeyError ?? (state && !state.ok && !codeError ? state.error : undefined);
  return (
    <form method="post" onSubmit={keepValuesOnSubmit(action)} className="space-y-4" noValidate>
      <div>
        <h1 className="flex items-center gap-2 text-xl font-semibold">
          <ShieldCheck className="h-5 w-5 text-link" aria-hidden /> Two-factor sign-in
        </h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {passkeys
            ? "Use one of your passkeys, or enter a code from your authenticator app or a recovery code."
            : "Enter the 6-digit code your authenticator app shows, or one of your recovery codes."}
        </p>
      </div>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {formError ? <FormAlert message={formError} /> : null}
      {passkeys ? (
        <Button
          variant="secondary"
          className="w-full justify-center"
          disabled={pending || asking}
          onClick={() => void signInWithPasskey()}
        >
          <KeyRound className="h-4 w-4" aria-hidden /> {asking ? "Waiting for your passkey…" : "Use a passkey"}
        </Button>
      ) : null}
      <Field id="code" label="Code" error={codeError}>
        <Input id="code" name="code" autoComplete="one-time-code" inputMode="text" required autoFocus={!passkeys} />
      </Field>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Checking…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        <Link href="/sign-in" className="font-medium text-link hover:underline">
          Start over
        </Link>
      </p>
    </form>
  );
}
