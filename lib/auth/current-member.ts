import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { toPermissions } from "@/lib/permissions";
import { memberActor, type Actor } from "./actor";
import { auth } from "./index";

// The signed-in member as the database has it now: a removed member, or one whose role
// changed, is seen as such on the very next request, whatever the session cookie says.
export const getCurrentMember = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const memberId = session?.user?.id;
  if (!memberId) return null;
  const member = await getDb().member.findUnique({
    where: { id: memberId },
    select: {
      id: true,
      name: true,
      email: true,
      account: { select: { id: true, name: true } },
      role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
    },
  });
  if (!member) return null;
  return memberActor(member, toPermissions(member.role.permissions));
});

export async function requireMember(): Promise<Actor> {
  const member = await getCurrentMember();
  if (!member) redirect("/sign-in");
  return member;
}
