import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { currentRequest } from "@/lib/http/request-context";
import { passwordResetMail } from "@/lib/mail/password-reset";
import { queueMail } from "@/lib/mail/queue";
import { portalOrigin } from "@/lib/mail/settings";
import { wakeOutbox } from "@/lib/outbox/worker";
import { mayMailPasswordReset } from "@/lib/rate-limit/password-reset";
import { clearFailedSignIns } from "@/lib/rate-limit/sign-in";
import { recordLoginChange } from "@/lib/records/write";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-policy";
import { actorOf, endOtherSessionsIn, memberSelect, sessionKind } from "./sessions";

// "Forgot password?": a link mailed to a login's email lets its holder choose a new
// password. The link carries 32 random bytes (base64url); only their SHA-256 is stored, in
// a row of the login (not of an account). It works once, for 30 minutes, and asking for a
// new one ends the older ones. Using it ends every session of the login, confirms its
// email if it wasn't yet (lib/auth/claims.ts: whoever proves the address first owns it),
// and records "member.password_reset_by_email" in each account the login belongs to; the
// person then signs in with the new password.
export const PASSWORD_RESET_LIFETIME_MS = 30 * 60 * 1000;

export const INVALID_RESET_LINK =
  "This link to choose a new password doesn't work any more: it was used, a newer one was sent, or its 30 minutes are over. Ask for a new one.";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

// Asked for with an email on the "Forgot password?" page, whose answer is the same for
// every email. Before the answer only what is the same for every email happens: the brakes
// count the request (lib/rate-limit/password-reset.ts; past one, nothing more happens).
// Whether a login uses the email is looked up only afterwards, in `later` (the action
// passes Next's after(): once the answer has been sent), so neither the lookup nor the
// link's storing and queueing shows in the answer's time. The mail is sent after that by
// the outbox.
export async function requestPasswordReset(
  email: string,
  clientAddress: string | null,
  later: (work: () => Promise<void>) => void,
): Promise<void> {
  if (!(await mayMailPasswordReset(email, clientAddress))) return;
  later(() =>
    mailPasswordResetLink(email).catch((error: unknown) => {
      // Never the email or the link: the error's kind only.
      const code = (error as { code?: unknown }).code;
      console.error(`forgot password: no link stored or mailed (${(error as Error).name}${code ? ` ${code}` : ""})`);
    }),
  );
}

// A new link for the login with this email, if there is one: stored as its hash with the
// mail queued in one transaction; the login's older links stop working.
async function mailPasswordResetLink(email: string): Promise<void> {
  const identity = await getDb().identity.findUnique({
    relationLoadStrategy: "join",
    where: { email },
    select: {
      id: true,
      email: true,
      members: { select: { account: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!identity) return;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now().getTime() + PASSWORD_RESET_LIFETIME_MS);
  await getDb().$transaction(async (tx) => {
    // The login's older links stop working; anyone's expired links are of no more use.
    await tx.passwordReset.deleteMany({
      where: { OR: [{ identityId: identity.id }, { expiresAt: { lte: now() } }] },
    });
    await tx.passwordReset.create({
      data: { identityId: identity.id, tokenHash: hashToken(token), expiresAt },
      select: { id: true },
    });
    await queueMail(tx, {
      // The login's own message, of no account.
      accountId: null,
      kind: "password_reset",
      ...passwordResetMail({
        to: identity.email,
        accountNames: identity.members.map((member) => member.account.name),
        url: `${portalOrigin()}/reset-password/${token}`,
        expiresAt,
      }),
    });
  });
  wakeOutbox();
}

async function loadReset(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const reset = await getDb().passwordReset.findUnique({
    relationLoadStrategy: "join",
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      identity: { select: { id: true, email: true, emailVerifiedAt: true, members: { select: memberSelect } } },
    },
  });
  return reset && reset.expiresAt > now() ? reset : null;
}

// What the reset page shows (the login's email), or null for an unknown, used, replaced
// or expired link.
export async function findPasswordReset(token: string): Promise<{ email: string } | null> {
  const reset = await loadReset(token);
  return reset ? { email: reset.identity.email } : null;
}

// Sets the login's new password (the same policy as everywhere, judged also against its
// email, names and organisations) and uses up the link, in one transaction that also ends
// every session of the login and records the change in each of its accounts.
export async function resetPassword(token: string, newPassword: string): Promise<{ email: string }> {
  const reset = await loadReset(token);
  if (!reset) throw new AppError("not_found", INVALID_RESET_LINK);
  const { identity } = reset;
  const names = identity.members.flatMap((member) => [member.name, member.account.name]);
  const problem = passwordProblem(newPassword, [identity.email, ...names]);
  if (problem) throw fieldError("password", problem);
  const passwordHash = await hashPassword(newPassword);
  await recordLoginChange({ ...sessionKind, notFound: INVALID_RESET_LINK }, async (tx) => {
    // Single use: of two submissions at once, only one deletes the row.
    const { count } = await tx.passwordReset.deleteMany({ where: { id: reset.id, expiresAt: { gt: now() } } });
    if (count !== 1) throw new AppError("not_found", INVALID_RESET_LINK);
    // The link reached the address: an unconfirmed login's email is confirmed by it too.
    const confirms = identity.emailVerifiedAt === null;
    await tx.identity.update({
      where: { id: identity.id },
      data: {
        passwordHash,
        mustChangePassword: false,
        passwordChangedAt: now(),
        ...(confirms ? { emailVerifiedAt: now() } : {}),
      },
    });
    if (confirms) await tx.emailVerification.deleteMany({ where: { identityId: identity.id } });
    const ended = await endOtherSessionsIn(tx, identity.id, null);
    return {
      result: undefined,
      events: identity.members.map((member) => ({
        actor: actorOf(member, identity.email),
        event: {
          action: "member.password_reset_by_email",
          target: { type: "member", id: member.id, name: identity.email },
          changes: {
            endedSessions: { from: null, to: ended.count },
            ...(confirms ? { emailVerified: { from: false, to: true } } : {}),
          },
        },
      })),
    };
  });
  // Whoever proved they read the login's mail is not kept waiting by earlier wrong guesses
  // from where they are.
  await clearFailedSignIns(identity.email, currentRequest()?.clientAddress ?? null);
  return { email: identity.email };
}
