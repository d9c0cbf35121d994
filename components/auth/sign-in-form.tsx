"use client";

import Link from "next/link";
import { useActionState, useRef } from "react";
import { signInAction } from "@/lib/actions/sign-in";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useFocusOnError } from "@/components/ui/focus-error";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";
import { FormNotice } from "./form-notice";

export function SignInForm({ next, notice = null }: { next: string | null; notice?: string | null }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, state && !state.ok ? state : undefined);
  return (
    <form ref={form} onSubmit={keepValuesOnSubmit(action)} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Sign in</h1>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state && !state.ok && !errors ? (
        <FormAlert message={state.error} />
      ) : notice ? (
        <FormNotice>{notice}</FormNotice>
      ) : null}
      <Field id="email" label="Email" error={errors?.email?.[0]}>
        <Input id="email" name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Field id="password" label="Password" error={errors?.password?.[0]}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-link hover:underline">
          Forgot password?
        </Link>
      </p>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <Link
        href={next ? `/sign-in/sso?next=${encodeURIComponent(next)}` : "/sign-in/sso"}
        className="flex h-9 w-full items-center justify-center rounded-md border border-input bg-card text-sm font-medium text-foreground shadow-xs hover:bg-muted"
      >
        Continue with SSO
      </Link>
      <p className="text-center text-sm text-muted-foreground">
        New here?{" "}
        <Link href="/sign-up" className="font-medium text-link hover:underline">
          Create your account
        </Link>
      </p>
    </form>
  );
}
