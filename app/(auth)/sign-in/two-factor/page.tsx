import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SecondStepForm } from "@/components/auth/second-step-form";
import { getSignedInSession, homePath } from "@/lib/auth/current-member";
import { pendingIdentity, readPendingCookie } from "@/lib/auth/pending-sign-in";
import { twoFactorStatus } from "@/lib/auth/second-factor";
import { safeNextPath } from "@/lib/portal/landing";

export const metadata: Metadata = { title: "Two-factor sign-in" };

// The sign-in's second step, after a right password of a login with a second factor.
// Without a valid pending sign-in (none, expired, or its password changed) it starts over.
export default async function SecondStepPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  const session = await getSignedInSession();
  if (session) redirect(next ?? homePath(session));
  const identityId = await pendingIdentity(await readPendingCookie());
  if (!identityId) redirect(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  const passkeys = (await twoFactorStatus(identityId)).passkeys.length > 0;
  return <SecondStepForm next={next} passkeys={passkeys} />;
}
