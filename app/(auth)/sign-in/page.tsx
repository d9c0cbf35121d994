import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSignedInSession, homePath } from "@/lib/auth/current-member";
import { safeNextPath } from "@/lib/portal/landing";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  const session = await getSignedInSession();
  if (session?.emailVerified) redirect(next ?? homePath(session));
  if (session) redirect(`/verify-email${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  return <SignInForm next={next} />;
}
