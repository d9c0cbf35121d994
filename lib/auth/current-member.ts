import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "./actor";
import { auth } from "./index";
import { loadMemberActor } from "./load-member";

// The signed-in member as the database has it now: a removed member, or one whose role
// changed, is seen as such on the very next request, whatever the session cookie says.
export const getCurrentMember = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const memberId = session?.user?.id;
  if (!memberId) return null;
  return loadMemberActor({ id: memberId });
});

export async function requireMember(): Promise<Actor> {
  const member = await getCurrentMember();
  if (!member) redirect("/sign-in");
  return member;
}
