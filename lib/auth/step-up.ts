import "server-only";
import { now } from "@/lib/clock";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError, fieldError } from "@/lib/errors";
import { currentRequest } from "@/lib/http/request-context";
import { verifyCredentials } from "./credentials";
import { verifyPasskeyFactor, verifySecondFactor } from "./second-factor";
import type { CurrentSession } from "./sessions";
import { recordRecoveryCodeUse } from "./two-factor";

// Step-up ("sudo mode"): a dangerous change (a key with Full access to keys, roles or team;
// editing or deleting roles; removing members or changing their role; account policies;
// adding or removing a factor) needs a proof of the person younger than 10 minutes: the
// sign-in, or a second factor (the password, for a login without one) typed again in the
// step-up dialog. Checked inside the server action, so a raw request without a fresh proof
// is refused like the portal's own. STEP_UP_WINDOW (10 minutes) sets the age.
export const STEP_UP_REQUIRED = "Confirm it's you: this change needs a fresh proof of your identity.";

export function hasFreshProof(session: Pick<CurrentSession, "provedAt">): boolean {
  return session.provedAt !== null && now().getTime() - session.provedAt.getTime() < config.stepUpWindowSeconds * 1000;
}

export function assertFreshProof(session: Pick<CurrentSession, "provedAt">): void {
  if (!hasFreshProof(session)) throw new AppError("forbidden", STEP_UP_REQUIRED, { stepUp: true });
}

// The step-up dialog: a second factor (a code or a passkey; the password for a login
// without one) proves the person again.
export async function proveAgain(
  session: CurrentSession,
  input: { code?: string; password?: string; passkey?: string },
  headers: Headers,
): Promise<void> {
  if (session.twoFactor && input.passkey) {
    await verifyPasskeyFactor(session.identityId, headers, input.passkey);
  } else if (session.twoFactor) {
    if (!input.code) throw fieldError("code", "Enter a code from your authenticator app or a recovery code.");
    const used = await verifySecondFactor(session.identityId, input.code);
    if (used === "recovery_code") await recordRecoveryCodeUse(session.actor, session.identityId);
  } else {
    if (!input.password) throw fieldError("password", "Enter your password.");
    const address = currentRequest()?.clientAddress ?? null;
    const verified = await verifyCredentials(session.email, input.password, address, "confirm");
    if (!verified || verified.id !== session.identityId) throw fieldError("password", "This is not your password.");
  }
  await getDb().session.updateMany({ where: { id: session.sessionId }, data: { provedAt: now() } });
}
