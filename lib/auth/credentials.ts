import "server-only";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertMayTrySignIn, clearFailedSignIns, countFailedSignIn } from "@/lib/rate-limit/sign-in";
import { timingDummyHash, verifyPassword } from "./password";
import { recordFailedSignIn } from "./session-events";

// The one password check of the app: every door that takes an email and a password goes
// through here (sign-in form, next-auth's credentials callback, sign-up with an email that
// already has a login, accepting an invitation, changing one's password). Each attempt is
// braked per email + client address and per address (lib/rate-limit/sign-in.ts; throws
// TooManySignInAttempts), an unknown email costs the same time as a wrong password, and a
// failure is counted and recorded in the audit log of each account the email belongs to.
//
// A one-time password (an admin's, lib/auth/passwords.ts) opens one session, within 24
// hours: `spend` (every door that signs in) uses it up; `confirm` (replacing it from the
// session it opened) only checks it. Refusals say why: only the right password hears it.
export const ONE_TIME_PASSWORD_HOURS = 24;

export class OneTimePasswordRefused extends AppError {
  constructor(message: string) {
    super("unauthorized", message);
  }
}

export async function verifyCredentials(
  email: string,
  password: string,
  clientAddress: string | null,
  oneTime: "spend" | "confirm" = "spend",
) {
  await assertMayTrySignIn(email, clientAddress);
  const db = getDb();
  const identity = await db.identity.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      passwordHash: true,
      mustChangePassword: true,
      passwordChangedAt: true,
      lastAccountId: true,
    },
  });
  const ok = await verifyPassword(identity?.passwordHash ?? (await timingDummyHash()), password);
  if (!identity || !ok) {
    await countFailedSignIn(email, clientAddress);
    await recordFailedSignIn(email);
    return null;
  }
  await clearFailedSignIns(email, clientAddress);
  if (identity.mustChangePassword) {
    const at = now();
    const issued = identity.passwordChangedAt?.getTime() ?? 0;
    if (at.getTime() - issued > ONE_TIME_PASSWORD_HOURS * 3_600_000)
      throw new OneTimePasswordRefused(
        "This one-time password has expired (after 24 hours). Ask an Owner for a new one, or use “Forgot password?”.",
      );
    if (oneTime === "spend") {
      const { count } = await db.identity.updateMany({
        where: { id: identity.id, mustChangePassword: true, oneTimeUsedAt: null },
        data: { oneTimeUsedAt: at },
      });
      if (count === 0)
        throw new OneTimePasswordRefused(
          "This one-time password was already used to sign in. Ask an Owner for a new one, or use “Forgot password?”.",
        );
    }
  }
  return {
    id: identity.id,
    email: identity.email,
    lastAccountId: identity.lastAccountId,
    passwordChangedAt: identity.passwordChangedAt,
  };
}
