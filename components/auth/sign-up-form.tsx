"use client";

import Link from "next/link";
import { useActionState, useRef } from "react";
import { signUpAction } from "@/lib/actions/sign-up";
import { PASSWORD_MIN_LENGTH } from "@/lib/validations/auth";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useFocusOnError } from "@/components/ui/focus-error";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, state && !state.ok ? state : undefined);
  return (
    <form ref={form} method="post" onSubmit={keepValuesOnSubmit(action)} className="space-y-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">Create your account</h1>
        <p className="mt-1 text-sm text-muted-foreground">You will be its Owner and can invite your team later.</p>
      </div>
      {state && !state.ok && !errors ? <FormAlert message={state.error} /> : null}
      <Field id="accountName" label="Organisation" error={errors?.accountName?.[0]}>
        <Input id="accountName" name="accountName" autoComplete="organization" required autoFocus />
      </Field>
      <Field id="name" label="Your name" error={errors?.name?.[0]}>
        <Input id="name" name="name" autoComplete="name" required />
      </Field>
      <Field id="email" label="Email" error={errors?.email?.[0]}>
        <Input id="email" name="email" type="email" autoComplete="email" required />
      </Field>
      <Field
        id="password"
        label="Password"
        error={errors?.password?.[0]}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      >
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" className="w-full justify-center" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-link hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
