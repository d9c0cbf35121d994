import "server-only";
import { recordEvent } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import { acrossAccounts } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/lib/records/kind";
import { newInvitationToken } from "@/lib/team/invitations";

// A new login is a claim on its email address until it proves it controls it (a code or
// link from the mail sent there, lib/auth/email-verification.ts). A claim can't act, and
// it never blocks the address's real owner: whoever signs up or accepts an invitation with
// that address and another password starts a fresh claim, which ends the old one at once
// (endClaim). Whoever confirms first owns the address; after that it is a login like any
// other, and only its password (or being signed in as it) adds it to an organisation.
export type NewLogin = { email: string; passwordHash: string; replaces: string | null };

// Creates an unverified login, ending the claim it replaces first, in the caller's
// transaction. A clash on the email means someone else's login was made meanwhile.
export async function createLogin(tx: Tx, login: NewLogin): Promise<string> {
  if (login.replaces) await endClaim(tx, login.replaces);
  const identity = await tx.identity.create({
    data: { email: login.email, passwordHash: login.passwordHash, passwordChangedAt: now() },
    select: { id: true },
  });
  return identity.id;
}

// Ends an unverified claim: the login goes, with its password, sessions and pending code.
// An organisation it created that has nobody else in it goes too (nobody could act in
// it). Anywhere else its membership is an invitation again, pending with a link nobody
// holds (an admin sends a new one with "Resend invitation"), recorded in that account as
// "invitation.reopen". A login that confirmed its email meanwhile is never ended.
async function endClaim(within: Tx, identityId: string): Promise<void> {
  // The claim's memberships are in other accounts than the change that ends it.
  const tx = acrossAccounts(within);
  const [claim] = await tx.$queryRaw<{ email: string }[]>`
    SELECT email FROM identities WHERE id = ${identityId}::uuid AND email_verified_at IS NULL FOR UPDATE`;
  if (!claim) {
    throw new AppError("conflict", "This email address was confirmed by its owner a moment ago. Sign in instead.");
  }
  const memberships = await tx.member.findMany({ where: { identityId }, select: { id: true, accountId: true } });
  for (const member of memberships) {
    const { accountId } = member;
    const others = await tx.member.count({ where: { accountId, id: { not: member.id } } });
    if (others === 0) {
      await tx.member.deleteMany({ where: { accountId } });
      await tx.account.delete({ where: { id: accountId } });
      continue;
    }
    await tx.member.update({ where: { id: member.id, accountId }, data: { identityId: null } });
    // Already expired: the link is dead until an admin sends a new one.
    const { tokenHash } = newInvitationToken();
    await tx.invitation.create({
      data: { memberId: member.id, accountId, email: claim.email, tokenHash, expiresAt: now() },
    });
    await recordEvent(
      tx,
      { kind: "anonymous", accountId, label: claim.email },
      {
        action: "invitation.reopen",
        target: { type: "member", id: member.id, name: claim.email },
        changes: { status: { from: "unverified", to: "invited" } },
      },
    );
  }
  await tx.identity.delete({ where: { id: identityId } });
}
