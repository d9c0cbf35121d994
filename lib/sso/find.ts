import "server-only";
import { getUnscopedDb } from "@/lib/db";

// "Continue with SSO": the account whose identity provider an email signs in with. These
// lookups search every account on purpose (nobody is signed in yet), hence the unscoped
// client; only an account id comes out, never a row. In order:
// 1. an account with single sign-on this email's login is a member of (the one used last,
//    else the oldest membership);
// 2. one that invited this email;
// 3. the one account that lets people of the email's domain join. Domains are the
//    Owners' word, not verified: when several accounts name the same domain, nobody is
//    sent anywhere by domain alone.
export async function findSsoAccount(email: string): Promise<string | null> {
  const db = getUnscopedDb();
  const withSso = { sso: { isNot: null } };
  const identity = await db.identity.findUnique({ where: { email }, select: { id: true, lastAccountId: true } });
  if (identity) {
    const members = await db.member.findMany({
      where: { identityId: identity.id, account: withSso },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { accountId: true },
    });
    const member = members.find((row) => row.accountId === identity.lastAccountId) ?? members[0];
    if (member) return member.accountId;
  }
  const invitation = await db.invitation.findFirst({
    where: { email, account: withSso },
    orderBy: { createdAt: "asc" },
    select: { accountId: true },
  });
  if (invitation) return invitation.accountId;
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const joinable = await db.ssoConnection.findMany({
    where: { allowJoin: true, allowedDomains: { has: domain } },
    take: 2,
    select: { accountId: true },
  });
  return joinable.length === 1 ? joinable[0].accountId : null;
}
