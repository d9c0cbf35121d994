"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { startTransition, useActionState, useRef, useState } from "react";
import { PASSKEY_CANCELLED } from "@/components/two-factor/passkey-messages";
import { signInAction } from "@/lib/actions/sign-in";
import { signInWithPasskeyAction } from "@/lib/actions/sign-in-with-passkey";
import { startPasskeySignInAction } from "@/lib/actions/start-passkey-sign-in";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useFocusOnError } from "@/components/ui/focus-error";
import { keepValuesOnSubmit } from "@/components/ui/keep-values";
import { FormAlert } from "./form-alert";
import { FormNotice } from "./form-notice";

// Email and password (then the second factor, if the login has one); or a passkey alone
// (passwordless: the browser offers the passkeys it holds for this site); or single sign-on.
export function SignInForm({ next, notice = null }: { next: string | null; notice?: string | null }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const [passkeyState, passkeyAction, passkeyPending] = useActionState(signInWithPasskeyAction, null);
  const [passkeyError, setPasskeyError] = useState<string>();
  const [asking, setAsking] = useState(false);
  const [lastTried, setLastTried] = useState<"password" | "passkey">("password");
  const errors = lastTried === "password" && state && !state.ok ? state.fieldErrors : undefined;
  const formError =
    lastTried === "passkey"
      ? (passkeyError ?? (passkeyState && !passkeyState.ok ? passkeyState.error : undefined))
      : state && !state.ok && !errors
        ? state.error
        : undefined;

  async function signInWithPasskey() {
    setLastTried("passkey");
    setPasskeyError(undefined);
    setAsking(true);
    try {
      const started = await startPasskeySignInAction();
      if (!started.ok) return setPasskeyError(started.error);
      let answer;
      try {
        answer = await startAuthentication({ optionsJSON: started.options });
      } catch {
        return setPasskeyError(PASSKEY_CANCELLED);
      }
      const form = new FormData();
      form.set("passkey", JSON.stringify(answer));
      if (next) form.set("next", next);
      startTransition(() => passkeyAction(form));
    } finally {
      setAsking(false);
    }
  }

  const submitPassword = keepValuesOnSubmit(action);
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(form, state && !state.ok ? state : undefined);
  return (
    <form
      ref={form}
      method="post"
      onSubmit={(event) => {
        setLastTried("password");
        submitPassword(event);
      }}
      className="space-y-4"
      noValidate
    >
      <h1 className="text-xl font-semibold">Sign in</h1>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {formError ? <FormAlert message={formError} /> : notice ? <FormNotice>{notice}</FormNotice> : null}
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
      <Button
        variant="secondary"
        className="w-full justify-center"
        disabled={asking || passkeyPending}
        onClick={() => void signInWithPasskey()}
      >
        <KeyRound className="h-4 w-4" aria-hidden />{" "}
        {asking || passkeyPending ? "Waiting for your passkey…" : "Use a passkey"}
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
