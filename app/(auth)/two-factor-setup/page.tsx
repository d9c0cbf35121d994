import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { StepUpProvider } from "@/components/two-factor/step-up";
import { TwoFactorSection } from "@/components/two-factor/two-factor-section";
import { SignOutButton } from "@/components/two-factor/sign-out-button";
import { getCurrentSession, homePath } from "@/lib/auth/current-member";
import { twoFactorStatus } from "@/lib/auth/second-factor";
import { safeNextPath } from "@/lib/portal/landing";

export const metadata: Metadata = { title: "Set up two-factor" };

// A member of an account that requires two-factor, whose login has none: every portal
// page and action sends them here until they set one up (or sign out).
export default async function TwoFactorSetupPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const session = await getCurrentSession();
  const next = safeNextPath((await searchParams).next);
  if (!session) redirect(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  if (!session.mustSetUpTwoFactor) redirect(next ?? homePath(session));
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Set up two-factor</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {session.actor.accountName} requires a second factor for every member. Set up an authenticator app to go on.
        </p>
      </div>
      <StepUpProvider twoFactor={false}>
        <TwoFactorSection status={await twoFactorStatus(session.identityId)} onSetUp={next ?? "/"} />
      </StepUpProvider>
      <SignOutButton />
    </div>
  );
}
