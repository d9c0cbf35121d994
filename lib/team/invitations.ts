import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { headers } from "next/headers";
import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { publicOrigin } from "@/lib/http/public-origin";

// Invitation links: 32 random bytes (base64url) in the URL, only their SHA-256 stored;
// valid for 7 days, once; a new link (resend) replaces the old one. Accepting
// (lib/auth/accept-invitation.ts) links the pending member to a login: the one with the
// invited email if it exists (the person proves it with its password, or is already
// signed in with it), else a new one whose password the person chooses.
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const INVITATION_INVALID =
  "This invitation link is not valid any more: it was used, revoked or has expired. Ask for a new one.";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function newInvitationToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now().getTime() + INVITATION_LIFETIME_MS) };
}

export async function invitationUrl(token: string): Promise<string> {
  return `${publicOrigin(await headers())}/invite/${token}`;
}

export const invitationKind = { conflict: "You are already a member of this account.", notFound: INVITATION_INVALID };

export type InvitationView = { email: string; name: string; accountId: string; accountName: string; roleName: string };

// A live invitation by its link's token, or null (unknown, used, revoked or expired).
export async function loadInvitation(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  // By the link's token, in whichever account: holding the token is the authority, and the
  // account is learnt from the row (the narrow bypass of row-level security).
  const invitation = await getUnscopedDb().invitation.findUnique({
    relationLoadStrategy: "join",
    where: { tokenHash: hashToken(token) },
    select: {
      memberId: true,
      tokenHash: true,
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
