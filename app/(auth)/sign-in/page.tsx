import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSignedInSession, homePath } from "@/lib/auth/current-member";
import { safeNextPath } from "@/lib/portal/landing";

export const metadata: Metadata = { title: "Sign in" };

type Params = { next?: string | string[]; reset?: string | string[] };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const session = await getSignedInSession();
  if (session?.emailVerified) redirect(next ?? homePath(session));
  if (session) redirect(`/verify-email${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  // Arriving from a "Forgot password?" link's page, once the new password is set.
  const notice =
    params.reset === "done"
      ? "Your new password is set, and this login is signed out everywhere. Sign in with the new password."
      : null;
  return <SignInForm next={next} notice={notice} />;
}
