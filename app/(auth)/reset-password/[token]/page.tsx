import type { Metadata } from "next";
import Link from "next/link";
import { FormAlert } from "@/components/auth/form-alert";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { findPasswordReset, INVALID_RESET_LINK } from "@/lib/auth/password-reset";

// The token is in the path: keep it out of Referer headers of anything this page loads.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findPasswordReset(token);
  if (!reset) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Choose a new password</h1>
        <FormAlert message={INVALID_RESET_LINK} />
        <p className="text-center text-sm text-muted-foreground">
          <Link href="/forgot-password" className="font-medium text-link hover:underline">
            Ask for a new link
          </Link>
        </p>
      </div>
    );
  }
  return <ResetPasswordForm token={token} email={reset.email} />;
}
