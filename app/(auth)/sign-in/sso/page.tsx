import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SsoSignInForm } from "@/components/auth/sso-sign-in-form";
import { getSignedInSession, homePath } from "@/lib/auth/current-member";
import { safeNextPath } from "@/lib/portal/landing";
import { ssoMessage } from "@/lib/sso/messages";

export const metadata: Metadata = { title: "Sign in with SSO" };

type Params = { next?: string | string[]; error?: string | string[] };

export default async function SsoSignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const session = await getSignedInSession();
  if (session?.emailVerified) redirect(next ?? homePath(session));
  const error = ssoMessage(typeof params.error === "string" ? params.error : undefined);
  return <SsoSignInForm next={next} error={error} />;
}
