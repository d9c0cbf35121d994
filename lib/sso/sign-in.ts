import "server-only";
import { randomBytes } from "node:crypto";
import { memberActor } from "@/lib/actor";
import { createLogin } from "@/lib/auth/claims";
import { hashPassword } from "@/lib/auth/password";
import { handOff } from "@/lib/auth/sso-handoff";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { toPermissions } from "@/lib/permissions";
import type { AuditEventInput } from "@/lib/audit/record";
import { recordFounding } from "@/lib/records/write";
import type { Tx } from "@/lib/records/kind";
import { findSsoAccount } from "./find";
import { sealFlow, type SsoFlow } from "./flow";
import { beginAuthorization, finishAuthorization, type Claims } from "./oidc";
import { loadSsoConnection } from "./settings";

// Who single sign-on lets in, once the account's identity provider has vouched for an
// email (its ID token checked): the provider speaks only for the account that configured it
// and only for its allowed domains. So it signs in
// - a member of this account whose login has that email;
// - a person this account invited (pending on the Team page) whose email has no confirmed
//   login yet: the login is made for them, confirmed by the provider's word;
// - if the Owner allows it, a new person of an allowed domain, with the join role.
// It never adds someone else's existing login to the account (that login's password
// does that, through the invitation link), and its sessions stay in this account.
export type RefusalReason = "no_email" | "email_unverified" | "domain" | "not_invited" | "existing_login" | "gone";

export class SsoRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
    this.name = "SsoRefused";
  }
}

// "Continue with SSO": the provider's authorization URL and the sealed flow for the cookie,
// or null when no account's single sign-on takes this email.
export async function beginSsoSignIn(email: string, redirectUri: string, next: string | null) {
  const accountId = await findSsoAccount(email);
  const connection = accountId ? await loadSsoConnection(accountId) : null;
  if (!connection) return null;
  const request = await beginAuthorization(connection, redirectUri, email);
  const cookie = sealFlow({
    accountId: connection.accountId,
    state: request.state,
    nonce: request.nonce,
    verifier: request.verifier,
    next,
  });
  return { url: request.url, cookie };
}

// The provider's callback: the code exchanged and checked, the person found or made, and
// a ticket for next-auth to open their session with.
export async function finishSsoSignIn(flow: SsoFlow, callbackUrl: URL): Promise<string> {
  const connection = await loadSsoConnection(flow.accountId);
  if (!connection) throw new SsoRefused("gone");
  const claims = await finishAuthorization(connection, callbackUrl, flow);
  const email = checkClaims(claims, connection.allowedDomains);
  const person = await personFor(connection, email, claims);
  return handOff({ identityId: person.identityId, email, memberId: person.memberId });
}

function checkClaims(claims: Claims, allowedDomains: string[]): string {
  if (!claims.email) throw new SsoRefused("no_email");
  if (claims.emailVerified === false) throw new SsoRefused("email_unverified");
  const domain = claims.email.slice(claims.email.lastIndexOf("@") + 1);
  if (allowedDomains.length > 0 && !allowedDomains.includes(domain)) throw new SsoRefused("domain");
  return claims.email;
}

type Connection = NonNullable<Awaited<ReturnType<typeof loadSsoConnection>>>;

const joinKind = {
  conflict: "This email got a login meanwhile. Try again.",
  notFound: "This account no longer exists.",
};

async function personFor(connection: Connection, email: string, claims: Claims) {
  const { accountId } = connection;
  const db = getDb();
  const identity = await db.identity.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true } });
  if (identity?.emailVerifiedAt) {
    const member = await db.member.findFirst({ where: { identityId: identity.id, accountId }, select: { id: true } });
    if (!member) throw new SsoRefused("existing_login");
    return { identityId: identity.id, memberId: member.id };
  }
  // No confirmed login: an invited member (or one an unconfirmed claim of this email holds),
  // else a newcomer of an allowed domain.
  const invited = await db.member.findFirst({
    where: {
      accountId,
      OR: [{ identityId: null, invitation: { email } }, ...(identity ? [{ identityId: identity.id }] : [])],
    },
    select: { id: true },
  });
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!invited && !(connection.allowJoin && connection.allowedDomains.includes(domain))) {
    throw new SsoRefused("not_invited");
  }
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  return recordFounding(joinKind, async (tx) => {
    const identityId = await createLogin(tx, { email, passwordHash, replaces: identity?.id ?? null });
    await tx.identity.update({ where: { id: identityId }, data: { emailVerifiedAt: now(), lastAccountId: accountId } });
    const memberId = invited
      ? await acceptInvitation(tx, accountId, invited.id, identityId)
      : await join(tx, connection, identityId, claims.name ?? email.slice(0, email.indexOf("@")));
    const member = await tx.member.findFirstOrThrow({
      where: { id: memberId, accountId },
      select: {
        id: true,
        name: true,
        account: { select: { id: true, name: true } },
        role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
      },
    });
    const actor = memberActor({ ...member, email }, toPermissions(member.role.permissions));
    const via = { from: null, to: "single sign-on" };
    const event: AuditEventInput = invited
      ? {
          action: "invitation.accept",
          target: { type: "member", id: memberId, name: email },
          changes: { status: { from: "invited", to: "active" }, via },
        }
      : {
          action: "member.join",
          target: { type: "member", id: memberId, name: email },
          changes: { role: { from: null, to: member.role.name }, via },
        };
    return {
      result: { identityId, memberId },
      actor,
      event,
    };
  });
}

// The invitation used up (whatever its link's expiry: the member is still pending on the
// Team page) and the member linked to the new login.
async function acceptInvitation(tx: Tx, accountId: string, memberId: string, identityId: string) {
  await tx.invitation.deleteMany({ where: { memberId, accountId } });
  await tx.member.update({ where: { id: memberId, accountId }, data: { identityId } });
  return memberId;
}

async function join(tx: Tx, connection: Connection, identityId: string, name: string) {
  const { accountId } = connection;
  const chosen = connection.defaultRoleId
    ? await tx.role.findFirst({
        where: { id: connection.defaultRoleId, accountId, OR: [{ builtIn: null }, { builtIn: { not: "OWNER" } }] },
        select: { id: true },
      })
    : null;
  const role =
    chosen ?? (await tx.role.findFirstOrThrow({ where: { accountId, builtIn: "READ_ONLY" }, select: { id: true } }));
  const member = await tx.member.create({
    data: {
      accountId,
      identityId,
      roleId: role.id,
      name:
        name
          .replace(/[\u0000-\u001F\u007F]/g, "")
          .trim()
          .slice(0, 100) || "New member",
    },
    select: { id: true },
  });
  return member.id;
}
