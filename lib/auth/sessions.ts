import "server-only";
import { cache } from "react";
import { now } from "@/lib/clock";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentRequest } from "@/lib/http/request-context";
import { toPermissions } from "@/lib/permissions";
import type { Tx } from "@/lib/records/kind";
import { recordChange } from "@/lib/records/write";
import { memberActor, type Actor } from "@/lib/actor";
import { wakeOutbox } from "@/lib/outbox/worker";
import { rememberDevice } from "./devices";

// Server-side sessions. The session cookie (a next-auth JWT) carries only a row id of
// `sessions`; the row decides, on every request: gone (signed out, ended from the account
// page, ended by a password change or reset, member removed) or past its absolute or
// idle limit means signed out, whatever the cookie says. Renewing the cookie never moves
// `expiresAt`. "Last seen" is written at most once a minute, so the idle limit is precise
// to about a minute and a page view costs no write.
const LAST_SEEN_PRECISION_MS = 60_000;

export const sessionKind = { conflict: "This session changed meanwhile.", notFound: "No such session." };

export const memberSelect = {
  id: true,
  name: true,
  account: { select: { id: true, name: true } },
  role: { select: { id: true, name: true, builtIn: true, permissions: { select: { area: true, level: true } } } },
} satisfies Prisma.MemberSelect;

type MemberRow = Prisma.MemberGetPayload<{ select: typeof memberSelect }>;

export function actorOf(member: MemberRow, email: string): Actor {
  return memberActor({ ...member, email }, toPermissions(member.role.permissions));
}

// The signed-in person: their login, this session, and their membership in the session's
// account as the one Actor shape.
export type CurrentSession = {
  sessionId: string;
  identityId: string;
  email: string;
  mustChangePassword: boolean;
  // False until the login proves it controls its email: such a session may only verify,
  // ask for a new mail or sign out (lib/auth/current-member.ts, lib/actions/safe-action.ts).
  emailVerified: boolean;
  // The login has a second factor (lib/auth/second-factor.ts).
  twoFactor: boolean;
  // The login has a passkey (one of its second factors).
  passkeys: boolean;
  // The account requires two-factor and the login has none: such a session may only set
  // one up (app/(auth)/two-factor-setup, lib/actions/safe-action.ts).
  mustSetUpTwoFactor: boolean;
  // When the person last proved it is them (sign-in or step-up, lib/auth/step-up.ts).
  provedAt: Date | null;
  actor: Actor;
  // Holds the account's built-in Owner role (Owner-only pages: Notifications).
  owner: boolean;
};

// Loads and checks a session once per request (React's cache: the JWT callback and the
// page share the answer). Null for an unknown, ended, idle or expired session.
export const loadSession = cache(async (sessionId: string | undefined): Promise<CurrentSession | null> => {
  if (!sessionId || !/^[0-9a-f-]{36}$/.test(sessionId)) return null;
  const db = getDb();
  const row = await db.session.findUnique({
    relationLoadStrategy: "join",
    where: { id: sessionId },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      provedAt: true,
      identity: {
        select: {
          id: true,
          email: true,
          mustChangePassword: true,
          emailVerifiedAt: true,
          totp: { select: { confirmedAt: true } },
          _count: { select: { passkeys: true } },
        },
      },
      member: { select: { ...memberSelect, account: { select: { id: true, name: true, requireTwoFactor: true } } } },
    },
  });
  if (!row) return null;
  const at = now();
  const idleUntil = row.lastSeenAt.getTime() + config.sessionIdleTimeoutSeconds * 1000;
  if (at >= row.expiresAt || at.getTime() >= idleUntil) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  if (at.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS) {
    await db.session.updateMany({ where: { id: row.id }, data: { lastSeenAt: at } });
  }
  const passkeys = row.identity._count.passkeys > 0;
  const twoFactor = Boolean(row.identity.totp?.confirmedAt) || passkeys;
  return {
    sessionId: row.id,
    identityId: row.identity.id,
    email: row.identity.email,
    mustChangePassword: row.identity.mustChangePassword,
    emailVerified: row.identity.emailVerifiedAt !== null,
    twoFactor,
    passkeys,
    mustSetUpTwoFactor: row.member.account.requireTwoFactor && !twoFactor,
    provedAt: row.provedAt,
    actor: actorOf(row.member, row.identity.email),
    owner: row.member.role.builtIn === "OWNER",
  };
});

// The account a sign-in opens: the one used last, else the oldest membership.
export async function defaultMembership(identityId: string, preferredAccountId: string | null) {
  const members = await getDb().member.findMany({
    where: { identityId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: memberSelect,
  });
  return members.find((member) => member.account.id === preferredAccountId) ?? members[0] ?? null;
}

// A new session in the member's account, recorded as that account's "member.sign_in".
// `device`: the signing-in browser (devices.ts), remembered, and noticed when new.
// `viaSso`: opened by the account's single sign-on (lib/sso/), so it stays in that account.
// `viaPasskey`: a passwordless sign-in with a passkey (lib/auth/passkey-sign-in.ts).
export async function startSession(
  identity: { id: string; email: string },
  member: MemberRow,
  device?: { hash: string },
  options: { viaSso?: boolean; viaPasskey?: boolean } = {},
): Promise<string> {
  const actor = actorOf(member, identity.email);
  let noticed = false;
  return recordChange(
    actor,
    sessionKind,
    async (tx) => {
      const id = await insertSession(tx, identity.id, member.id, options.viaSso);
      await tx.identity.update({ where: { id: identity.id }, data: { lastAccountId: member.account.id } });
      if (device) noticed = await rememberDevice(tx, { identityId: identity.id, hash: device.hash, at: now(), member });
      const event = signInEvent(actor);
      return {
        result: id,
        event: options.viaSso
          ? { ...event, changes: { via: { from: null, to: "single sign-on" } } }
          : options.viaPasskey
            ? { ...event, changes: { via: { from: null, to: "passkey" } } }
            : event,
      };
    },
    { afterCommit: async () => (noticed ? wakeOutbox() : undefined) },
  );
}

export function signInEvent(actor: Actor) {
  return { action: "member.sign_in", target: { type: "member", id: actor.id, name: actor.email }, changes: null };
}

export async function insertSession(tx: Tx, identityId: string, memberId: string, viaSso = false): Promise<string> {
  const at = now();
  const request = currentRequest();
  const session = await tx.session.create({
    data: {
      identityId,
      memberId,
      createdAt: at,
      lastSeenAt: at,
      provedAt: at,
      expiresAt: new Date(at.getTime() + config.sessionMaxAgeSeconds * 1000),
      clientAddress: request?.clientAddress ?? null,
      userAgent: request?.userAgent ?? null,
      viaSso,
    },
    select: { id: true },
  });
  // Housekeeping: this person's sessions that ran out are of no use to anyone.
  await tx.session.deleteMany({ where: { identityId, expiresAt: { lte: at } } });
  return session.id;
}

// Sign-out (the portal's button or POST /api/auth/signout): the session row goes, so a
// copy of the cookie is refused on its next request. Recorded as "member.sign_out".
export async function endSignedOutSession(sessionId: string | undefined): Promise<void> {
  const session = await loadSession(sessionId);
  if (!session) return;
  await recordChange(session.actor, sessionKind, async (tx) => {
    await tx.session.deleteMany({ where: { id: session.sessionId } });
    return {
      result: undefined,
      event: {
        action: "member.sign_out",
        target: { type: "member", id: session.actor.id, name: session.email },
        changes: null,
      },
    };
  });
}

export function endOtherSessionsIn(tx: Tx, identityId: string, keepSessionId: string | null) {
  return tx.session.deleteMany({
    where: { identityId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
}
