import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { toPermissions, type Permissions } from "@/lib/permissions";
import { auth } from "./index";

export type CurrentMember = {
  id: string;
  name: string;
  email: string;
  account: { id: string; name: string };
  role: { id: string; name: string };
  permissions: Permissions;
};

// The signed-in member as the database has it now: a removed member, or one whose role
// changed, is seen as such on the very next request, whatever the session cookie says.
export const getCurrentMember = cache(async (): Promise<CurrentMember | null> => {
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
  return {
    ...member,
    role: { id: member.role.id, name: member.role.name },
    permissions: toPermissions(member.role.permissions),
  };
});

export async function requireMember(): Promise<CurrentMember> {
  const member = await getCurrentMember();
  if (!member) redirect("/sign-in");
  return member;
}

export function memberActor(member: CurrentMember): Actor {
  return { accountId: member.account.id, ref: `member:${member.id}`, permissions: member.permissions };
}
