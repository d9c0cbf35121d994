import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { describeWait } from "@/lib/rate-limit/failures";
import { limits } from "@/lib/rate-limit/limits";
import { listPasskeys, PASSKEY_REFUSED, verifyPasskey, type PasskeySummary } from "./passkeys";
import { spendRecoveryCode } from "./recovery-codes";
import { spendTotpCode } from "./totp";

// A login's second factors, and the one check of a code typed for one (sign-in and
// step-up alike): an authenticator code or a recovery code. Wrong codes are braked per
// login (5 in 15 minutes, lib/rate-limit/limits.ts), counted before they are compared.
export type SecondFactorUsed = "totp" | "recovery_code" | "passkey";
export type TwoFactorStatus = { totp: boolean; recoveryCodes: number; passkeys: PasskeySummary[] };

export async function twoFactorStatus(identityId: string): Promise<TwoFactorStatus> {
  const db = getDb();
  const [totp, recoveryCodes, passkeys] = await Promise.all([
    db.totpFactor.findUnique({ where: { identityId }, select: { confirmedAt: true } }),
    db.recoveryCode.count({ where: { identityId, usedAt: null } }),
    listPasskeys(identityId),
  ]);
  return { totp: Boolean(totp?.confirmedAt), recoveryCodes, passkeys };
}

export async function hasSecondFactor(identityId: string): Promise<boolean> {
  const status = await twoFactorStatus(identityId);
  return status.totp || status.passkeys.length > 0;
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

// The same for a passkey's answer (parsed JSON from the browser), braked with the codes.
export async function verifyPasskeyFactor(identityId: string, headers: Headers, answer: string): Promise<"passkey"> {
  const { secondFactors } = limits();
  const wait = await secondFactors.blockedFor(identityId);
  if (wait > 0) throw new TooManyCodes(wait);
  let response: AuthenticationResponseJSON | null = null;
  try {
    response = JSON.parse(answer) as AuthenticationResponseJSON;
  } catch {
    response = null;
  }
  if (response?.response && typeof response.id === "string" && (await verifyPasskey(identityId, headers, response)))
    return "passkey";
  const { over, waitMs } = await secondFactors.fail(identityId);
  if (over) throw new TooManyCodes(waitMs);
  throw fieldError("passkey", PASSKEY_REFUSED);
}
