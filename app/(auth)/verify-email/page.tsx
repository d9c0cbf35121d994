import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { getSignedInSession } from "@/lib/auth/current-member";
import { mailIsSetUp } from "@/lib/mail/settings";
import { landingPath, safeNextPath } from "@/lib/portal/landing";

export const metadata: Metadata = { title: "Check your email" };

// Where a new login is signed in to until it confirms its email: enter the code from the
// mail, ask for a new one, or sign out. Every portal page and action sends it here.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  const session = await getSignedInSession();
  if (!session) redirect(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  if (session.emailVerified) redirect(next ?? landingPath(session.actor.permissions));
  return <VerifyEmailForm email={session.email} next={next} mailIsSetUp={mailIsSetUp()} />;
}
