import { getUnscopedDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPermissions } from "@/lib/permissions";
import { memberActor, type Actor } from "./actor";

// A member as an actor, read from the database as it is now.
export async function loadMemberActor(where: Prisma.MemberWhereInput): Promise<Actor | null> {
  // By the session's member id or the email signing in: the member is what tells us the account.
  const member = await getUnscopedDb().member.findFirst({
    where,
    select: {
      id: true,
      name: true,
      email: true,
      account: { select: { id: true, name: true } },
      role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
    },
  });
  return member && memberActor(member, toPermissions(member.role.permissions));
}
