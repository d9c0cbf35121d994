import "server-only";
import { getDb } from "@/lib/db";
import { memberSelect } from "./sessions";

// The sign-in side of an account's "Require SSO" (set with its single sign-on, lib/sso/,
// which sits above auth, hence the direct read): a password opens no membership in such an
// account, except an Owner's (the break-glass way in when the identity provider fails).
const passwordSelect = {
  ...memberSelect,
  account: { select: { id: true, name: true, sso: { select: { requireSso: true } } } },
  role: { select: { ...memberSelect.role.select, builtIn: true } },
};

export const mayUsePassword = (member: {
  account: { sso: { requireSso: boolean } | null };
  role: { builtIn: string | null };
}) => !member.account.sso?.requireSso || member.role.builtIn === "OWNER";

// The account a password sign-in opens (the one used last, else the oldest membership, of
// those a password may open); `ssoRequired` when every membership requires single sign-on;
// null for a login without memberships.
export async function passwordMembership(identityId: string, preferredAccountId: string | null) {
  const members = await getDb().member.findMany({
    where: { identityId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: passwordSelect,
  });
  const [first] = members;
  if (!first) return null;
  const open = members.filter(mayUsePassword);
  const member = open.find((row) => row.account.id === preferredAccountId) ?? open[0];
  return member ? { member, ssoRequired: null } : { member: null, ssoRequired: first.account.name };
}

// The membership single sign-on verified, still there when the session starts.
export function ssoMembership(identityId: string, memberId: string) {
  return getDb().member.findFirst({ where: { id: memberId, identityId }, select: memberSelect });
}
