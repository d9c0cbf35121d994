import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/actor";
import { landingPath } from "@/lib/portal/landing";
import { auth } from "./index";
import { loadSession, type CurrentSession } from "./sessions";

// The signed-in person as the database has it now: an ended session, a removed member,
// or one whose role changed, is seen as such on the very next request, whatever the
// session cookie says.

// Any live session, including one whose login has not confirmed its email yet: only for
// the pages that send such a login where it belongs ("Check your email").
export const getSignedInSession = cache(async (): Promise<CurrentSession | null> => {
  const session = await auth();
  return loadSession(session?.sessionId);
});

// The session of a login that may act: null without one, and for an unconfirmed email
// (which may do nothing but confirm it), so every caller fails closed.
export async function getCurrentSession(): Promise<CurrentSession | null> {
  const session = await getSignedInSession();
  return session?.emailVerified ? session : null;
}

// A member held at the two-factor setup (their account requires it) acts nowhere else.
export async function getCurrentMember(): Promise<Actor | null> {
  const session = await getCurrentSession();
  return session && !session.mustSetUpTwoFactor ? session.actor : null;
}

// Where a signed-in person goes when no page was asked for.
export function homePath(session: CurrentSession): string {
  if (!session.emailVerified) return "/verify-email";
  return session.mustSetUpTwoFactor ? "/two-factor-setup" : landingPath(session.actor.permissions);
}

// For portal pages: the member, or a redirect to sign-in that comes back to `returnTo`
// afterwards; a login that hasn't confirmed its email does that first, a member with
// a one-time password sets their own, and one whose account requires two-factor sets it up.
export async function requireSession(returnTo?: string): Promise<CurrentSession> {
  const session = await getSignedInSession();
  const target = returnTo && (await withQuery(returnTo));
  const next = target ? `?next=${encodeURIComponent(target)}` : "";
  if (!session) redirect(`/sign-in${next}`);
  if (!session.emailVerified) redirect(`/verify-email${next}`);
  if (session.mustChangePassword) redirect(`/set-password${next}`);
  if (session.mustSetUpTwoFactor) redirect(`/two-factor-setup${next}`);
  return session;
}

// `returnTo` with the query the page was asked with (a deep link's sort, filter and page),
// which proxy.ts passes on; only when it is that very page.
async function withQuery(returnTo: string): Promise<string> {
  const asked = (await headers()).get("x-return-to");
  if (!asked?.startsWith(`${returnTo}?`)) return returnTo;
  return asked;
}

export async function requireMember(returnTo?: string): Promise<Actor> {
  return (await requireSession(returnTo)).actor;
}
