"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resetPasswordAction } from "@/lib/actions/reset-password";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";

// The page of a mailed "Forgot password?" link: one new password, then sign-in.
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const formError = state && !state.ok && !errors ? state.error : undefined;
  return (
    <form method="post" onSubmit={keepValuesOnSubmit(action)} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Choose a new password</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          For <strong className="break-all text-foreground">{email}</strong>. Every session of this login ends, and you
          sign in again with the new password.
        </p>
      </div>
      {formError ? <FormAlert message={formError} /> : null}
      <input type="hidden" name="token" value={token} />
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      <Field
        id="password"
        label="New password"
        error={errors?.password?.[0]}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters and hard to guess: a few uncommon words together work well.`}
      >
        <Input id="password" name="password" type="password" autoComplete="new-password" required autoFocus />
      </Field>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
      {formError ? (
        <p className="text-center text-sm text-muted-foreground">
          <Link href="/forgot-password" className="font-medium text-link hover:underline">
            Ask for a new link
          </Link>
        </p>
      ) : null}
    </form>
  );
}
