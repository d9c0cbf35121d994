import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/actor";
import { auth } from "./index";
import { loadSession, type CurrentSession } from "./sessions";

// The signed-in person as the database has it now: an ended session, a removed member,
// or one whose role changed, is seen as such on the very next request, whatever the
// session cookie says.
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const session = await auth();
  return loadSession(session?.sessionId);
});

export async function getCurrentMember(): Promise<Actor | null> {
  return (await getCurrentSession())?.actor ?? null;
}

// For portal pages: the member, or a redirect to sign-in that comes back to `returnTo`
// afterwards; a member with a one-time password sets their own first.
export async function requireSession(returnTo?: string): Promise<CurrentSession> {
  const session = await getCurrentSession();
  const next = returnTo ? `?next=${encodeURIComponent(returnTo)}` : "";
  if (!session) redirect(`/sign-in${next}`);
  if (session.mustChangePassword) redirect(`/set-password${next}`);
  return session;
}

export async function requireMember(returnTo?: string): Promise<Actor> {
  return (await requireSession(returnTo)).actor;
}
