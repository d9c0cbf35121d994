import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordChange } from "@/lib/records/write";
import type { Actor } from "@/lib/actor";
import { mayUsePassword } from "./sso-policy";
import { actorOf, memberSelect, sessionKind, signInEvent, type CurrentSession } from "./sessions";

// The accounts this login is an active member of, for the account switcher.
export async function listMemberships(identityId: string): Promise<{ id: string; name: string }[]> {
  const members = await getDb().member.findMany({
    where: { identityId },
    orderBy: { account: { name: "asc" } },
    select: { account: { select: { id: true, name: true } } },
  });
  return members.map((member) => member.account);
}

// Moves this session into another account of the same login: from the next request on,
// every page and action acts as this person's membership there. The target account
// records it as a sign-in of its member.
// A session single sign-on opened stays in its account (that account's identity provider
// speaks for no other), and a password opens no account that requires single sign-on
// (lib/auth/sso-policy.ts).
export async function switchAccount(session: CurrentSession, accountId: string): Promise<Actor> {
  const db = getDb();
  const member = await db.member.findFirst({
    where: { identityId: session.identityId, accountId },
    select: { ...memberSelect, account: { select: { id: true, name: true, sso: { select: { requireSso: true } } } } },
  });
  if (!member) throw new AppError("not_found", "You are not a member of this account.");
  const current = await db.session.findUnique({ where: { id: session.sessionId }, select: { viaSso: true } });
  if (current?.viaSso) {
    throw new AppError(
      "forbidden",
      "You signed in with single sign-on, which opens only its own account. Sign out and sign in again to open another.",
    );
  }
  if (!mayUsePassword({ ...member, role: { builtIn: member.role.builtIn } })) {
    throw new AppError(
      "forbidden",
      `${member.account.name} signs in with single sign-on: sign out and use “Continue with SSO”.`,
    );
  }
  const actor = actorOf(member, session.email);
  await recordChange(actor, sessionKind, async (tx) => {
    await tx.session.update({ where: { id: session.sessionId }, data: { memberId: member.id } });
    await tx.identity.update({ where: { id: session.identityId }, data: { lastAccountId: accountId } });
    return {
      result: undefined,
      event: { ...signInEvent(actor), changes: { via: { from: null, to: "account switch" } } },
    };
  });
  return actor;
}
