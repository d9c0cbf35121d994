"use client";

import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { useActionState } from "react";
import { signInSecondStepAction } from "@/lib/actions/sign-in-second-step";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";

// The code of the login's authenticator app, or one of its recovery codes.
export function SecondStepForm({ next }: { next: string | null }) {
  const [state, action, pending] = useActionState(signInSecondStepAction, null);
  const codeError = state && !state.ok ? state.fieldErrors?.code?.[0] : undefined;
  return (
    <form onSubmit={keepValuesOnSubmit(action)} className="space-y-4" noValidate>
      <div>
        <h1 className="flex items-center gap-2 text-xl font-semibold">
          <ShieldCheck className="h-5 w-5 text-link" aria-hidden /> Two-factor sign-in
        </h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Enter the 6-digit code your authenticator app shows, or one of your recovery codes.
        </p>
      </div>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state && !state.ok && !codeError ? <FormAlert message={state.error} /> : null}
      <Field id="code" label="Code" error={codeError}>
        <Input id="code" name="code" autoComplete="one-time-code" inputMode="text" required autoFocus />
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
