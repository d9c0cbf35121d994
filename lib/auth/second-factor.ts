import "server-only";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { describeWait } from "@/lib/rate-limit/failures";
import { limits } from "@/lib/rate-limit/limits";
import { spendRecoveryCode } from "./recovery-codes";
import { spendTotpCode } from "./totp";

// A login's second factors, and the one check of a code typed for one (sign-in and
// step-up alike): an authenticator code or a recovery code. Wrong codes are braked per
// login (5 in 15 minutes, lib/rate-limit/limits.ts), counted before they are compared.
export type SecondFactorUsed = "totp" | "recovery_code";
export type TwoFactorStatus = { totp: boolean; recoveryCodes: number };

export async function twoFactorStatus(identityId: string): Promise<TwoFactorStatus> {
  const db = getDb();
  const [totp, recoveryCodes] = await Promise.all([
    db.totpFactor.findUnique({ where: { identityId }, select: { confirmedAt: true } }),
    db.recoveryCode.count({ where: { identityId, usedAt: null } }),
  ]);
  return { totp: Boolean(totp?.confirmedAt), recoveryCodes };
}

export async function hasSecondFactor(identityId: string): Promise<boolean> {
  return (await twoFactorStatus(identityId)).totp;
}

export class TooManyCodes extends AppError {
  constructor(readonly retryAfterMs: number) {
    super("too_many_requests", `Too many wrong codes. Try again in ${describeWait(retryAfterMs)}.`, {
      retryAfter: Math.ceil(retryAfterMs / 1000),
    });
  }
}

export const WRONG_CODE = "This code is not right, or it was used already.";

// Which factor the code proved, or a field error on `code`; TooManyCodes when braked.
export async function verifySecondFactor(identityId: string, code: string): Promise<SecondFactorUsed> {
  const { secondFactors } = limits();
  const wait = await secondFactors.blockedFor(identityId);
  if (wait > 0) throw new TooManyCodes(wait);
  const typed = code.trim();
  if (/^\d{6}$/.test(typed.replace(/\s/g, ""))) {
    if (await spendTotpCode(identityId, typed.replace(/\s/g, ""))) return "totp";
  } else if (await spendRecoveryCode(identityId, typed)) {
    return "recovery_code";
  }
  const { over, waitMs } = await secondFactors.fail(identityId);
  if (over) throw new TooManyCodes(waitMs);
  throw fieldError("code", WRONG_CODE);
}
