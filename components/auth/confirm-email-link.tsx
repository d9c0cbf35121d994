"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { confirmEmailLinkAction } from "@/lib/actions/verify-email";
import { formatDate } from "@/lib/format-date";
import { Button } from "@/components/ui/button";
import { FormAlert } from "./form-alert";

// The verification link's page: what would be confirmed, and the button that does it.
export function ConfirmEmailLink({
  token,
  email,
  createdAt,
  accountNames,
}: {
  token: string;
  email: string;
  createdAt: string;
  accountNames: string[];
}) {
  const [error, setError] = useState<string>();
  const [confirmed, setConfirmed] = useState(false);
  const [pending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await confirmEmailLinkAction({ token });
      if (!result) return;
      if (result.ok) setConfirmed(true);
      else setError(result.error);
    });
  }

  if (confirmed) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Email confirmed</h1>
        <p role="status" className="text-sm text-muted-foreground">
          <strong className="break-all text-foreground">{email}</strong> is confirmed. Sign in to start using Wisp
          Portal.
        </p>
        <Link
          href="/sign-in"
          className="inline-flex w-full items-center justify-center rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground hover:bg-primary-hover"
        >
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Confirm your email</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Confirm <strong className="break-all text-foreground">{email}</strong> for the Wisp Portal login created on{" "}
          {formatDate(createdAt, true)}
          {accountNames.length > 0 ? `, a member of ${accountNames.join(", ")}` : ""}.
        </p>
      </div>
      {error ? <FormAlert message={error} /> : null}
      <Button className="w-full justify-center" disabled={pending} onClick={confirm}>
        {pending ? "Confirming…" : "Confirm my email"}
      </Button>
      <p className="text-sm text-muted-foreground">
        Didn&apos;t sign up or accept an invitation with this address? Close this page: nobody can use the portal with
        it until it is confirmed, and you can still sign up with it yourself.
      </p>
    </div>
  );
}
