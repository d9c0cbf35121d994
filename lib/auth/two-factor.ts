import "server-only";
import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import type { TwoFactorChange } from "@/lib/mail/notices";
import { queueTwoFactorNotice } from "@/lib/notices/two-factor";
import { wakeOutbox } from "@/lib/outbox/worker";
import type { Tx } from "@/lib/records/kind";
import { recordChange } from "@/lib/records/write";
import { replaceRecoveryCodes } from "./recovery-codes";
import type { CurrentSession } from "./sessions";
import { describeSetup, matchingStep, newTotpSecret, openSecret, type TotpSetup } from "./totp";

// A person manages their own second factors on /account: an authenticator app (set up by
// scanning a QR code or typing its secret, then confirmed with a first code) and the ten
// recovery codes that come with it. Every change is an audit event of the session's
// account and a security notice by mail.
const kind = { conflict: "Your second factors changed meanwhile.", notFound: "No such login." };

async function noteChange(tx: Tx, actor: Actor, identityId: string, change: TwoFactorChange) {
  await queueTwoFactorNotice(tx, {
    identityId,
    member: { name: actor.name, accountId: actor.accountId, accountName: actor.accountName },
    at: now(),
    change,
  });
}

function event(actor: Actor, email: string, action: string, change: TwoFactorChange) {
  return {
    action,
    target: { type: "member", id: actor.id, name: email },
    changes: { twoFactor: { from: null, to: change } },
  };
}

// A new secret, kept (sealed) as a setup in progress until a first code confirms it.
export async function startTotpSetup(session: CurrentSession): Promise<TotpSetup> {
  const db = getDb();
  const existing = await db.totpFactor.findUnique({
    where: { identityId: session.identityId },
    select: { confirmedAt: true },
  });
  if (existing?.confirmedAt) throw new AppError("conflict", "Your login already has an authenticator app.");
  const { secret, sealed } = newTotpSecret();
  const row = { secretSealed: sealed, confirmedAt: null, lastTimeStep: null, createdAt: now() };
  await db.totpFactor.upsert({
    where: { identityId: session.identityId },
    create: { identityId: session.identityId, ...row },
    update: row,
  });
  return describeSetup(secret, session.email);
}

// The first code confirms the authenticator; the answer holds the recovery codes, once.
export async function confirmTotpSetup(session: CurrentSession, code: string): Promise<{ recoveryCodes: string[] }> {
  const db = getDb();
  const pending = await db.totpFactor.findUnique({
    where: { identityId: session.identityId },
    select: { secretSealed: true, confirmedAt: true },
  });
  if (!pending || pending.confirmedAt)
    throw new AppError("conflict", "Start the setup again: no setup is in progress.");
  const secret = openSecret(pending.secretSealed);
  const step = secret ? await matchingStep(secret, code.replace(/\s/g, ""), null) : null;
  if (step === null) throw fieldError("code", "This code is not right. Enter the code your app shows now.");
  const { actor } = session;
  const recoveryCodes = await recordChange(
    actor,
    kind,
    async (tx) => {
      const { count } = await tx.totpFactor.updateMany({
        where: { identityId: session.identityId, confirmedAt: null },
        data: { confirmedAt: now(), lastTimeStep: step },
      });
      if (count !== 1) throw new AppError("conflict", kind.conflict);
      const codes = await replaceRecoveryCodes(tx, session.identityId);
      await noteChange(tx, actor, session.identityId, "totp_added");
      return { result: codes, event: event(actor, session.email, "member.two_factor_add", "totp_added") };
    },
    { afterCommit: async () => wakeOutbox() },
  );
  return { recoveryCodes };
}

export async function removeTotp(session: CurrentSession): Promise<void> {
  const { actor } = session;
  await recordChange(
    actor,
    kind,
    async (tx) => {
      const { count } = await tx.totpFactor.deleteMany({
        where: { identityId: session.identityId, confirmedAt: { not: null } },
      });
      if (count !== 1) throw new AppError("not_found", "Your login has no authenticator app.");
      await tx.recoveryCode.deleteMany({ where: { identityId: session.identityId } });
      await noteChange(tx, actor, session.identityId, "totp_removed");
      return { result: undefined, event: event(actor, session.email, "member.two_factor_remove", "totp_removed") };
    },
    { afterCommit: async () => wakeOutbox() },
  );
}

export async function regenerateRecoveryCodes(session: CurrentSession): Promise<{ recoveryCodes: string[] }> {
  if (!session.twoFactor) throw new AppError("conflict", "Set up an authenticator app first.");
  const { actor } = session;
  const recoveryCodes = await recordChange(
    actor,
    kind,
    async (tx) => {
      const codes = await replaceRecoveryCodes(tx, session.identityId);
      await noteChange(tx, actor, session.identityId, "recovery_codes_replaced");
      return {
        result: codes,
        event: event(actor, session.email, "member.recovery_codes_replace", "recovery_codes_replaced"),
      };
    },
    { afterCommit: async () => wakeOutbox() },
  );
  return { recoveryCodes };
}

// A recovery code was used (to sign in, or for a step-up): recorded and mailed.
export async function recordRecoveryCodeUse(actor: Actor, identityId: string): Promise<void> {
  const email = actor.email ?? "";
  await recordChange(
    actor,
    kind,
    async (tx) => {
      await noteChange(tx, actor, identityId, "recovery_code_used");
      return { result: undefined, event: event(actor, email, "member.recovery_code_use", "recovery_code_used") };
    },
    { afterCommit: async () => wakeOutbox() },
  );
}
