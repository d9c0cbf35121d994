import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { deviceOfSignIn } from "./devices";
import { clearPendingCookie, pendingIdentity } from "./pending-sign-in";
import { TooManyCodes, verifyPasskeyFactor, verifySecondFactor, type SecondFactorUsed } from "./second-factor";
import { actorOf, startSession } from "./sessions";
import { PendingSignInExpired, SecondFactorRefused, SignInRateLimited } from "./sign-in-errors";
import { passwordMembership } from "./sso-policy";
import { recordRecoveryCodeUse } from "./two-factor";

// The second step of a sign-in: a valid pending sign-in (its password was right moments
// ago) and a code of the login's second factor (or one of its passkeys) open the session. A recovery code used
// here is recorded and mailed.
export async function completeSecondStep(
  input: { pending: string } & ({ code: string } | { passkey: string }),
  headers: Headers,
) {
  const identityId = await pendingIdentity(input.pending);
  if (!identityId) throw new PendingSignInExpired();
  let used: SecondFactorUsed;
  try {
    used =
      "passkey" in input
        ? await verifyPasskeyFactor(identityId, headers, input.passkey)
        : await verifySecondFactor(identityId, input.code);
  } catch (error) {
    if (error instanceof TooManyCodes) throw new SignInRateLimited(error.retryAfterMs);
    if (error instanceof AppError) throw new SecondFactorRefused(error.message);
    throw error;
  }
  const identity = await getDb().identity.findUnique({
    where: { id: identityId },
    select: { id: true, email: true, lastAccountId: true },
  });
  // The password's half of the sign-in: the accounts a password may open (not those that
  // require single sign-on, Owners excepted; the first step refused a login with none).
  const member = identity ? (await passwordMembership(identity.id, identity.lastAccountId))?.member : null;
  if (!identity || !member) throw new PendingSignInExpired();
  const sessionId = await startSession(identity, member, await deviceOfSignIn(headers));
  await clearPendingCookie();
  if (used === "recovery_code") await recordRecoveryCodeUse(actorOf(member, identity.email), identity.id);
  return { id: identity.id, email: identity.email, name: member.name, sessionId };
}
