import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentSession } from "@/lib/auth/current-member";
import { landingPath, safeNextPath } from "@/lib/portal/landing";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  const session = await getCurrentSession();
  if (session) redirect(next ?? landingPath(session.actor.permissions));
  return <SignInForm next={next} />;
}
