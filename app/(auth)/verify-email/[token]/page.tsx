import type { Metadata } from "next";
import { ConfirmEmailLink } from "@/components/auth/confirm-email-link";
import { FormAlert } from "@/components/auth/form-alert";
import { findVerificationLink } from "@/lib/auth/email-verification";

// The token is in the path: keep it out of Referer headers of anything this page loads.
export const metadata: Metadata = { title: "Confirm your email", referrer: "no-referrer" };

// Opening the link changes nothing (mail scanners open links too): the page says which
// login the address would be confirmed for, and its button confirms.
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findVerificationLink(token);
  if (!link) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Confirm your email</h1>
        <FormAlert message="This link is not valid any more: it was used, a newer mail replaced it, or it expired. Sign in to get a new one." />
      </div>
    );
  }
  return (
    <ConfirmEmailLink
      token={token}
      email={link.email}
      createdAt={link.createdAt.toISOString()}
      accountNames={link.accountNames}
    />
  );
}
