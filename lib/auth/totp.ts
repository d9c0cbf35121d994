import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { seal, unseal } from "./sealed";

// Authenticator-app codes (TOTP, RFC 6238: SHA-1, 6 digits, 30 seconds, as every app
// expects). The seed is sealed at rest (sealed.ts). A code is accepted from the step
// before to the step after the server's (clocks drift), and only once: the step of the
// accepted code is stored and a code of that step or an earlier one is refused, by a
// conditional update, so two requests racing with one code can't both pass.
const PURPOSE = "totp-secret";
const ISSUER = "Wisp Portal";
const TOLERANCE_SECONDS = 30;

// `uri`: the otpauth:// URI the QR code holds (drawn in the browser, qr-code.tsx).
export type TotpSetup = { secret: string; uri: string };

export function newTotpSecret(): { secret: string; sealed: string } {
  const secret = generateSecret();
  return { secret, sealed: seal(PURPOSE, secret) };
}

export function describeSetup(secret: string, email: string): TotpSetup {
  return { secret, uri: generateURI({ issuer: ISSUER, label: email, secret }) };
}

export function openSecret(sealed: string): string | null {
  return unseal(PURPOSE, sealed);
}

// The time step a right, unused code belongs to; null for any other code.
export async function matchingStep(secret: string, code: string, afterTimeStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now().getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

// Checks a code against the login's confirmed authenticator and uses it up.
export async function spendTotpCode(identityId: string, code: string): Promise<boolean> {
  const db = getDb();
  const factor = await db.totpFactor.findUnique({
    where: { identityId },
    select: { secretSealed: true, confirmedAt: true, lastTimeStep: true },
  });
  if (!factor?.confirmedAt) return false;
  const secret = openSecret(factor.secretSealed);
  if (!secret) return false;
  const step = await matchingStep(secret, code, factor.lastTimeStep);
  if (step === null) return false;
  const { count } = await db.totpFactor.updateMany({
    where: { identityId, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: step } }] },
    data: { lastTimeStep: step },
  });
  return count === 1;
}
