import "server-only";
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/queue";
import { portalOrigin } from "@/lib/mail/settings";
import { verificationMail } from "@/lib/mail/verification";
import { wakeOutbox } from "@/lib/outbox/worker";
import { describeWait } from "@/lib/rate-limit/failures";
import { limits, RESENDS_PER_15_MINUTES } from "@/lib/rate-limit/limits";
import type { Tx } from "@/lib/records/kind";
import { recordChange } from "@/lib/records/write";
import { getAuthSecret } from "./secret";
import { actorOf, defaultMembership, sessionKind, type CurrentSession } from "./sessions";

// A new login proves it controls its email with one mail holding a 6-digit code (for the
// "Check your email" page it is signed in to) and a link (for any browser). The code works
// 30 minutes and 5 tries, and is stored as an HMAC keyed with the auth secret (a plain
// hash of six digits is undone by trying a million); the link works 24 hours, its token
// (32 random bytes) stored as a SHA-256. A new mail replaces both; confirming uses them up.
export const CODE_LIFETIME_MS = 30 * 60 * 1000;
export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const CODE_TRIES = 5;

const LINK_INVALID =
  "This link is not valid any more: it was used, a newer mail replaced it, or it expired. Sign in to get a new one.";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const hashCode = (identityId: string, code: string) =>
  createHmac("sha256", getAuthSecret()).update(`email-code:${identityId}:${code}`).digest("hex");

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

type Login = { identityId: string; email: string; name: string };

// Queues a verification mail in the caller's transaction, replacing the login's earlier
// code and link. The link is built from APP_URL only (never the request's Host, which
// whoever signs up could choose, to have the address's owner send them the token).
export async function issueVerification(tx: Tx, login: Login): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const token = randomBytes(32).toString("base64url");
  const at = now();
  const row = {
    codeHash: hashCode(login.identityId, code),
    codeExpiresAt: new Date(at.getTime() + CODE_LIFETIME_MS),
    codeAttempts: 0,
    tokenHash: hashToken(token),
    linkExpiresAt: new Date(at.getTime() + LINK_LIFETIME_MS),
    createdAt: at,
  };
  await tx.emailVerification.upsert({
    where: { identityId: login.identityId },
    create: { identityId: login.identityId, ...row },
    update: row,
  });
  await queueMail(tx, {
    accountId: null,
    kind: "email_verification",
    ...verificationMail({
      to: login.email,
      name: login.name,
      code,
      codeExpiresAt: row.codeExpiresAt,
      url: `${portalOrigin()}/verify-email/${token}`,
      linkExpiresAt: row.linkExpiresAt,
    }),
  });
}

// The code typed on the "Check your email" page by the login's own session. Every try
// counts before it is compared (so parallel guesses can't outrun the limit of 5); wrong
// codes are also braked per login (lib/rate-limit/limits.ts).
export async function confirmWithCode(session: CurrentSession, code: string): Promise<void> {
  if (session.emailVerified) return;
  const { emailCodes } = limits();
  const id = session.identityId;
  const wait = await emailCodes.blockedFor(id);
  if (wait > 0) {
    throw new AppError(
      "too_many_requests",
      `Too many wrong codes. Try again in ${describeWait(wait)}, or open the link in the mail.`,
    );
  }
  const [tried] = await getDb().$queryRaw<{ code_hash: string; code_attempts: number }[]>`
    UPDATE email_verifications SET code_attempts = code_attempts + 1
    WHERE identity_id = ${id}::uuid AND code_attempts < ${CODE_TRIES} AND code_expires_at > ${now()}
    RETURNING code_hash, code_attempts`;
  if (!tried) {
    throw fieldError("code", "This code has expired or was tried too often. Send a new mail and use its code.");
  }
  if (!sameHash(tried.code_hash, hashCode(id, code))) {
    await emailCodes.fail(id);
    const left = CODE_TRIES - tried.code_attempts;
    throw fieldError(
      "code",
      left > 0
        ? `This code is not right. ${left} ${left === 1 ? "try" : "tries"} left.`
        : "This code is not right, and it can't be tried again. Send a new mail and use its code.",
    );
  }
  await markConfirmed(session.actor, id, { codeHash: tried.code_hash }, "code");
  await emailCodes.reset(id);
}

export type VerificationLink = { email: string; createdAt: Date; accountNames: string[] };

// What the link's page shows before the person confirms, or null for a dead link. Opening
// the link changes nothing (mail scanners open links): only the page's button confirms.
export async function findVerificationLink(token: string): Promise<VerificationLink | null> {
  const row = await loadLink(token);
  if (!row) return null;
  const members = await getDb().member.findMany({
    where: { identityId: row.identityId },
    orderBy: { createdAt: "asc" },
    select: { account: { select: { name: true } } },
  });
  return {
    email: row.identity.email,
    createdAt: row.identity.createdAt,
    accountNames: members.map((member) => member.account.name),
  };
}

// The link's button, in any browser, signed in or not: the login it belongs to is confirmed.
export async function confirmWithLink(token: string): Promise<{ identityId: string }> {
  const row = await loadLink(token);
  if (!row) throw new AppError("not_found", LINK_INVALID);
  const member = await defaultMembership(row.identityId, row.identity.lastAccountId);
  if (!member) throw new AppError("not_found", LINK_INVALID);
  await markConfirmed(actorOf(member, row.identity.email), row.identityId, { tokenHash: row.tokenHash }, "link");
  return { identityId: row.identityId };
}

// "Send a new mail" on the "Check your email" page: 3 per login per 15 minutes.
export async function resendVerification(session: CurrentSession): Promise<void> {
  if (session.emailVerified) throw new AppError("conflict", "Your email address is confirmed already.");
  const { over, waitMs } = await limits().verificationMails.fail(session.identityId);
  if (over) {
    throw new AppError(
      "too_many_requests",
      `You asked for ${RESENDS_PER_15_MINUTES} new mails within 15 minutes. Try again in ${describeWait(waitMs)}.`,
    );
  }
  await recordChange(
    session.actor,
    sessionKind,
    async (tx) => {
      await issueVerification(tx, { identityId: session.identityId, email: session.email, name: session.actor.name });
      return {
        result: undefined,
        event: {
          action: "member.email_verification_resend",
          target: { type: "member", id: session.actor.id, name: session.email },
          changes: null,
        },
      };
    },
    { afterCommit: async () => wakeOutbox() },
  );
}

async function loadLink(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await getDb().emailVerification.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      identityId: true,
      tokenHash: true,
      linkExpiresAt: true,
      identity: { select: { email: true, createdAt: true, lastAccountId: true } },
    },
  });
  return row && row.linkExpiresAt > now() ? row : null;
}

// Uses up the code or link that matched (a newer mail's can't be used up by an older
// try) and marks the login confirmed, recorded as "member.email_verify" in the account
// it works in.
async function markConfirmed(
  actor: Actor,
  identityId: string,
  used: { codeHash: string } | { tokenHash: string },
  via: "code" | "link",
): Promise<void> {
  await recordChange(actor, sessionKind, async (tx) => {
    const at = now();
    const matched =
      "codeHash" in used ? { codeHash: used.codeHash } : { tokenHash: used.tokenHash, linkExpiresAt: { gt: at } };
    const { count } = await tx.emailVerification.deleteMany({ where: { identityId, ...matched } });
    if (count !== 1)
      throw new AppError("not_found", via === "link" ? LINK_INVALID : "This code is not valid any more.");
    await tx.identity.update({ where: { id: identityId }, data: { emailVerifiedAt: at } });
    return {
      result: undefined,
      event: {
        action: "member.email_verify",
        target: { type: "member", id: actor.id, name: actor.email },
        changes: { emailVerified: { from: false, to: true }, via: { from: null, to: via } },
      },
    };
  });
}
