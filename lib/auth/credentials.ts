import "server-only";
import { getDb } from "@/lib/db";
import { assertMayTrySignIn, clearFailedSignIns, countFailedSignIn } from "@/lib/rate-limit/sign-in";
import { timingDummyHash, verifyPassword } from "./password";
import { recordFailedSignIn } from "./session-events";

// The one password check of the app: every door that takes an email and a password goes
// through here (sign-in form, next-auth's credentials callback, sign-up with an email that
// already has a login, accepting an invitation, changing one's password). Each attempt is
// braked per email + client address and per address (lib/rate-limit/sign-in.ts; throws
// TooManySignInAttempts), an unknown email costs the same time as a wrong password, and a
// failure is counted and recorded in the audit log of each account the email belongs to.
export async function verifyCredentials(email: string, password: string, clientAddress: string | null) {
  await assertMayTrySignIn(email, clientAddress);
  const identity = await getDb().identity.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true, mustChangePassword: true, lastAccountId: true },
  });
  const ok = await verifyPassword(identity?.passwordHash ?? (await timingDummyHash()), password);
  if (!identity || !ok) {
    await countFailedSignIn(email, clientAddress);
    await recordFailedSignIn(email);
    return null;
  }
  await clearFailedSignIns(email, clientAddress);
  return { id: identity.id, email: identity.email, lastAccountId: identity.lastAccountId };
}
