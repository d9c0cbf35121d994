"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { FormAlert } from "@/components/auth/form-alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "@/lib/actions/change-password";
import type { FieldErrors } from "@/lib/actions/result";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";

// Current + new password. With `next` (the one-time-password page) the server continues
// there once the password is set; otherwise the form clears and says so.
export function ChangePasswordForm({
  submitLabel,
  next,
  currentLabel = "Current password",
}: {
  submitLabel: string;
  next?: string;
  currentLabel?: string;
}) {
  const [errors, setErrors] = useState<FieldErrors>();
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await changePasswordAction({
        currentPassword: String(data.get("currentPassword") ?? ""),
        newPassword: String(data.get("newPassword") ?? ""),
        ...(next !== undefined ? { next } : {}),
      });
      if (!result) return;
      if (result.ok) {
        form.reset();
        setErrors(undefined);
        setFormError(undefined);
        toast.success("Password changed. Your other sessions have ended.");
      } else {
        setErrors(result.fieldErrors);
        setFormError(result.fieldErrors ? undefined : result.error);
      }
    });
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-4" noValidate>
      {formError ? <FormAlert message={formError} /> : null}
      <Field id="currentPassword" label={currentLabel} error={errors?.currentPassword?.[0]}>
        <Input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      </Field>
      <Field
        id="newPassword"
        label="New password"
        error={errors?.newPassword?.[0]}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters and hard to guess: a few uncommon words together work well.`}
      >
        <Input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
