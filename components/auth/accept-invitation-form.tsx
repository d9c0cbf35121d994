"use client";

import { useState, useTransition } from "react";
import { signOutAction } from "@/lib/actions/sign-out";
import { acceptInvitationAction } from "@/lib/actions/accept-invitation";
import type { FieldErrors } from "@/lib/actions/result";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FormAlert } from "./form-alert";

type Invitation = { email: string; accountName: string; roleName: string };

// One form for everyone: it does not say whether the email already has a login (the
// person knows). Signed in with the invited email: one button.
export function AcceptInvitationForm({
  token,
  invitation,
  signedInAs,
}: {
  token: string;
  invitation: Invitation;
  signedInAs: string | null;
}) {
  const [errors, setErrors] = useState<FieldErrors>();
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function accept(password?: string) {
    startTransition(async () => {
      const result = await acceptInvitationAction({ token, ...(password !== undefined ? { password } : {}) });
      if (result && !result.ok) {
        setErrors(result.fieldErrors);
        setFormError(result.fieldErrors ? undefined : result.error);
      }
    });
  }

  const heading = (
    <div>
      <h1 className="text-xl font-semibold">Join {invitation.accountName}</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        You are invited as <strong className="text-foreground">{invitation.email}</strong> with the role{" "}
        {invitation.roleName}.
      </p>
    </div>
  );

  if (signedInAs && signedInAs !== invitation.email) {
    return (
      <div className="space-y-4">
        {heading}
        <FormAlert message={`You are signed in as ${signedInAs}. Sign out, then open this link again.`} />
        <form action={signOutAction}>
          <Button type="submit" variant="secondary">
            Sign out
          </Button>
        </form>
      </div>
    );
  }

  if (signedInAs) {
    return (
      <div className="space-y-4">
        {heading}
        {formError ? <FormAlert message={formError} /> : null}
        <Button className="w-full justify-center" disabled={pending} onClick={() => accept()}>
          {pending ? "Joining…" : `Join ${invitation.accountName}`}
        </Button>
      </div>
    );
  }

  return (
    <form
      method="post"
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        accept(String(new FormData(event.currentTarget).get("password") ?? ""));
      }}
    >
      {heading}
      {formError ? <FormAlert message={formError} /> : null}
      <input type="email" name="email" value={invitation.email} autoComplete="username" readOnly hidden />
      <Field
        id="password"
        label="Password"
        error={errors?.password?.[0]}
        hint={`Already use Wisp Portal with this email? Enter that password. New here? Choose one: at least ${PASSWORD_MIN_LENGTH} characters and hard to guess; then confirm your email with the code we mail you.`}
      >
        <Input id="password" name="password" type="password" autoComplete="current-password" required autoFocus />
      </Field>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Joining…" : `Join ${invitation.accountName}`}
      </Button>
    </form>
  );
}
