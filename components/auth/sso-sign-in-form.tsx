"use client";

import Link from "next/link";
import { useActionState } from "react";
import { startSsoSignInAction } from "@/lib/actions/start-sso-sign-in";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";

// "Continue with SSO": the work email finds the organisation's identity provider, and the
// browser goes there. `error`: why the last attempt came back (lib/sso/messages.ts).
export function SsoSignInForm({ next, error }: { next: string | null; error: string | null }) {
  const [state, action, pending] = useActionState(startSsoSignInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const message = state && !state.ok ? (errors ? null : state.error) : error;
  return (
    <form method="post" onSubmit={keepValuesOnSubmit(action)} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Sign in with SSO</h1>
      <p className="text-sm text-muted-foreground">
        Enter your work email: you continue at your organisation&rsquo;s identity provider.
      </p>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {message ? <FormAlert message={message} /> : null}
      <Field id="sso-email" label="Work email" error={errors?.email?.[0]}>
        <Input id="sso-email" name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Finding your organisation…" : "Continue"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        <Link
          href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}
          className="font-medium text-link hover:underline"
        >
          Sign in with a password
        </Link>
      </p>
    </form>
  );
}
