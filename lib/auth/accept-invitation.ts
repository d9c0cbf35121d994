import "server-only";
import { memberActor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { publishEvent } from "@/lib/events/publish";
import { wakeOutbox } from "@/lib/outbox/worker";
import { toPermissions } from "@/lib/permissions";
import { recordChange } from "@/lib/records/write";
import { INVITATION_INVALID, invitationKind, loadInvitation } from "@/lib/team/invitations";
import { memberKind, toMemberJson } from "@/lib/team/team";
import { createLogin, type NewLogin } from "./claims";
import { issueVerification } from "./email-verification";

// Who accepts: a login that proved to be the invited email's (its password, or a session
// of it; `verified` as the login is), or a new login for it (lib/auth/login-for-email.ts).
export type Acceptor = { identityId: string; email: string; verified: boolean } | { newLogin: NewLogin };

// Links the invited member to a login and uses up the link, in one transaction, recorded
// as "invitation.accept" by the new member. A login that has not confirmed its email (a
// new one, or a claim going on) gets a verification mail in the same transaction, and can
// act in the account once it has confirmed. The account's webhooks get member.joined.
export async function acceptInvitation(
  token: string,
  login: Acceptor,
): Promise<{ memberId: string; accountId: string; identityId: string; verified: boolean }> {
  const invitation = await loadInvitation(token);
  if (!invitation) throw new AppError("not_found", INVITATION_INVALID);
  const email = "newLogin" in login ? login.newLogin.email : login.email;
  if (email !== invitation.email) throw new AppError("forbidden", "This invitation is for another email address.");
  const verified = "identityId" in login && login.verified;
  const { member } = invitation;
  const actor = memberActor({ ...member, email }, toPermissions(member.role.permissions));
  let published = false;
  const accepted = await recordChange(actor, invitationKind, async (tx) => {
    // Single use: of two acceptances at once, or an acceptance and a new link, only one
    // deletes the row with this link's token.
    const { count } = await tx.invitation.deleteMany({
      where: {
        memberId: invitation.memberId,
        accountId: member.account.id,
        tokenHash: invitation.tokenHash,
        expiresAt: { gt: now() },
      },
    });
    if (count !== 1) throw new AppError("not_found", INVITATION_INVALID);
    const identityId = "newLogin" in login ? await createLogin(tx, login.newLogin) : login.identityId;
    await tx.member.update({ where: { id: member.id, accountId: member.account.id }, data: { identityId } });
    await tx.identity.update({ where: { id: identityId }, data: { lastAccountId: member.account.id } });
    if (!verified) await issueVerification(tx, { identityId, email, name: member.name });
    const joined = await memberKind.load(tx, member.account.id, member.id);
    published = joined !== null && (await publishEvent(tx, member.account.id, "member.joined", toMemberJson(joined)));
    return {
      result: { memberId: member.id, accountId: member.account.id, identityId, verified },
      event: {
        action: "invitation.accept",
        target: { type: "member", id: member.id, name: email },
        changes: { status: { from: "invited", to: verified ? "active" : "unverified" } },
      },
    };
  });
  if (!verified || published) wakeOutbox();
  return accepted;
}
