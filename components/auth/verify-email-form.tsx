"use client";

import { MailCheck } from "lucide-react";
import { useState, useTransition } from "react";
import { resendVerificationAction, verifyEmailCodeAction } from "@/lib/actions/verify-email";
import { signOutAction } from "@/lib/actions/sign-out";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FormAlert } from "./form-alert";

// "Check your email": the code from the mail, a new mail, or signing out (a mistyped
// address: sign out and sign up again).
export function VerifyEmailForm({
  email,
  next,
  mailIsSetUp,
}: {
  email: string;
  next: string | null;
  mailIsSetUp: boolean;
}) {
  const [codeError, setCodeError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [resent, setResent] = useState<string>();
  const [confirming, startConfirming] = useTransition();
  const [resending, startResending] = useTransition();

  function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    startConfirming(async () => {
      const result = await verifyEmailCodeAction({ code, ...(next ? { next } : {}) });
      if (result && !result.ok) {
        setCodeError(result.fieldErrors?.code?.[0]);
        setFormError(result.fieldErrors?.code ? undefined : result.error);
      }
    });
  }

  function resend() {
    startResending(async () => {
      const result = await resendVerificationAction({});
      setResent(undefined);
      setFormError(undefined);
      if (!result.ok) setFormError(result.error);
      else
        setResent(
          result.mailed
            ? `A new mail is on its way to ${email}. Use its code: the one before no longer works.`
            : "A new mail was saved on the server. Use its code: the one before no longer works.",
        );
    });
  }

  return (
    <div className="space-y-5">
      <div>
        <h1 className="flex items-center gap-2 text-xl font-semibold">
          <MailCheck className="h-5 w-5 text-link" aria-hidden /> Check your email
        </h1>
        <p className="mt-1 text-sm text-muted-foreground">
          We sent a 6-digit code and a link to <strong className="break-all text-foreground">{email}</strong>. Enter the
          code here, or open the link in any browser. The code works for 30 minutes, the link for 24 hours.
        </p>
      </div>
      {mailIsSetUp ? null : (
        <p
          role="status"
          className="rounded-md border border-warning-foreground/30 bg-warning-soft px-3 py-2 text-sm text-warning-foreground"
        >
          Email isn&apos;t set up on this server, so the mail did not leave it: it is saved in the server&apos;s{" "}
          <code>DATA_DIR/mail</code> folder, and its link is in the server log. Ask whoever runs this portal.
        </p>
      )}
      {formError ? <FormAlert message={formError} /> : null}
      <form method="post" onSubmit={confirm} noValidate className="space-y-4">
        <Field id="code" label="Code" error={codeError}>
          <Input
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            required
            autoFocus
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? "code-error" : undefined}
          />
        </Field>
        <Button type="submit" className="w-full justify-center" disabled={confirming}>
          {confirming ? "Confirming…" : "Confirm email"}
        </Button>
      </form>
      <div className="space-y-2 border-t border-border pt-4 text-sm">
        <p className="text-muted-foreground">Nothing arrived? Look in your spam folder, or ask for a new mail.</p>
        <Button variant="secondary" className="w-full justify-center" disabled={resending} onClick={resend}>
          {resending ? "Sending…" : "Send a new mail"}
        </Button>
        {resent ? (
          <p role="status" className="text-muted-foreground">
            {resent}
          </p>
        ) : null}
      </div>
      <form action={signOutAction} className="space-y-2 border-t border-border pt-4 text-sm">
        <p className="text-muted-foreground">Wrong address? Sign out, then sign up again with the right one.</p>
        <Button type="submit" variant="ghost" className="w-full justify-center">
          Sign out
        </Button>
      </form>
    </div>
  );
}
