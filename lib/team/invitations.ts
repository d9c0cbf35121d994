import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { headers } from "next/headers";
import { memberActor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publicOrigin } from "@/lib/http/public-origin";
import { toPermissions } from "@/lib/permissions";
import { recordChange } from "@/lib/records/write";

// Invitation links: 32 random bytes (base64url) in the URL, only their SHA-256 stored;
// valid for 7 days, once. Accepting links the pending member to a login: the one with
// the invited email if it exists (the person proves it with its password, or is already
// signed in with it), else a new one whose password the person chooses.
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const INVALID = "This invitation link is not valid any more: it was used, revoked or has expired. Ask for a new one.";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function newInvitationToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now().getTime() + INVITATION_LIFETIME_MS) };
}

export async function invitationUrl(token: string): Promise<string> {
  return `${publicOrigin(await headers())}/invite/${token}`;
}

const invitationKind = { conflict: "You are already a member of this account.", notFound: INVALID };

export type InvitationView = { email: string; name: string; accountId: string; accountName: string; roleName: string };

async function loadInvitation(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const invitation = await getDb().invitation.findUnique({
    relationLoadStrategy: "join",
    where: { tokenHash: hashToken(token) },
    select: {
      memberId: true,
      email: true,
      expiresAt: true,
      member: {
        select: {
          id: true,
          name: true,
          account: { select: { id: true, name: true } },
          role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
        },
      },
    },
  });
  return invitation && invitation.expiresAt > now() ? invitation : null;
}

// What the invitation page shows, or null for an unknown, used, revoked or expired link.
export async function findInvitation(token: string): Promise<InvitationView | null> {
  const invitation = await loadInvitation(token);
  if (!invitation) return null;
  return {
    email: invitation.email,
    name: invitation.member.name,
    accountId: invitation.member.account.id,
    accountName: invitation.member.account.name,
    roleName: invitation.member.role.name,
  };
}

// Links the invited member to a login and uses up the link, in one transaction, recorded
// as "invitation.accept" by the new member. `newLogin` creates the login first (a person
// new to the portal); otherwise `identityId` must be the login with the invited email.
export async function acceptInvitation(
  token: string,
  login: { identityId: string; email: string } | { newLogin: { email: string; passwordHash: string } },
): Promise<{ memberId: string; accountId: string; identityId: string }> {
  const invitation = await loadInvitation(token);
  if (!invitation) throw new AppError("not_found", INVALID);
  const email = "newLogin" in login ? login.newLogin.email : login.email;
  if (email !== invitation.email) throw new AppError("forbidden", "This invitation is for another email address.");
  const { member } = invitation;
  const actor = memberActor({ ...member, email }, toPermissions(member.role.permissions));
  return recordChange(actor, invitationKind, async (tx) => {
    const identityId =
      "newLogin" in login
        ? (await tx.identity.create({ data: { ...login.newLogin, passwordChangedAt: now() }, select: { id: true } })).id
        : login.identityId;
    // Single use: of two acceptances at once, only one deletes the row.
    const { count } = await tx.invitation.deleteMany({
      where: { memberId: invitation.memberId, expiresAt: { gt: now() } },
    });
    if (count !== 1) throw new AppError("not_found", INVALID);
    await tx.member.update({ where: { id: member.id, accountId: member.account.id }, data: { identityId } });
    await tx.identity.update({ where: { id: identityId }, data: { lastAccountId: member.account.id } });
    return {
      result: { memberId: member.id, accountId: member.account.id, identityId },
      event: {
        action: "invitation.accept",
        target: { type: "member", id: member.id, name: email },
        changes: { status: { from: "invited", to: "active" } },
      },
    };
  });
}
