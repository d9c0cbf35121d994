"use client";

import Link from "next/link";
import { useActionState } from "react";
import { requestPasswordResetAction } from "@/lib/actions/request-password-reset";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";
import { FormNotice } from "./form-notice";

// Asks for the email and answers the same for every one: whether a login uses it is
// not for this page to say.
export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordResetAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const backToSignIn = (
    <p className="text-center text-sm text-muted-foreground">
      <Link href="/sign-in" className="font-medium text-link hover:underline">
        Back to sign in
      </Link>
    </p>
  );

  if (state?.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Check your email</h1>
        <FormNotice>
          If an account uses that email, a link to choose a new password is on its way. It works for 30 minutes.
        </FormNotice>
        {state.mailIsSetUp ? null : (
          <p className="text-sm text-muted-foreground">
            Email isn&apos;t set up on this server: the link is in the server&apos;s log and in its DATA_DIR/mail
            folder. Ask whoever runs the portal for it.
          </p>
        )}
        {backToSignIn}
      </div>
    );
  }

  return (
    <form method="post" onSubmit={keepValuesOnSubmit(action)} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Forgot your password?</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Enter the email you sign in with, and we&apos;ll mail you a link to choose a new password.
        </p>
      </div>
      {state && !state.ok && !errors ? <FormAlert message={state.error} /> : null}
      <Field id="email" label="Email" error={errors?.email?.[0]}>
        <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Sending…" : "Send the link"}
      </Button>
      {backToSignIn}
    </form>
  );
}
