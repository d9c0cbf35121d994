import "server-only";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import type { NewLogin } from "./claims";
import { verifyCredentials } from "./credentials";
import { hashPassword, verifyPassword } from "./password";
import { passwordProblem } from "./password-policy";

// `verified: false`: the login is an unconfirmed claim (the caller sends it a new
// verification mail).
export type LoginForEmail = { identityId: string; verified: boolean } | { newLogin: NewLogin };

type Attempt = {
  email: string;
  password: string;
  // The names the person gave (their own, the organisation's): a new password must not be built from them.
  names: string[];
  clientAddress: string | null;
  // Where and how to say that the password is not the existing login's.
  wrongPassword: { field: string; message: string };
};

// The one rule for an email and a password given by someone not signed in (sign-up,
// accepting an invitation):
// - an email whose login has confirmed it must come with that login's password, checked
//   and braked like a sign-in: nobody adds someone else's login to an organisation;
// - an email whose login is still an unconfirmed claim: with that claim's password it is
//   the same person going on; with another password it is a fresh claim, which replaces
//   the old one (lib/auth/claims.ts), so an unconfirmed claim never blocks the address's
//   real owner;
// - a new email gets a new, unconfirmed login.
// A new password must pass the policy. The caller creates the new login in its own
// transaction (a clash there means the email got a login meanwhile).
export async function loginForEmail(attempt: Attempt): Promise<LoginForEmail> {
  const { email, password } = attempt;
  const existing = await getDb().identity.findUnique({
    where: { email },
    select: { id: true, emailVerifiedAt: true, passwordHash: true },
  });
  if (existing?.emailVerifiedAt) {
    const verified = await verifyCredentials(email, password, attempt.clientAddress);
    if (!verified) throw fieldError(attempt.wrongPassword.field, attempt.wrongPassword.message);
    return { identityId: verified.id, verified: true };
  }
  // Not a sign-in (a claim can't act), so neither braked nor counted as a failure: a
  // wrong guess of the claim's password only replaces the claim.
  if (existing && (await verifyPassword(existing.passwordHash, password))) {
    return { identityId: existing.id, verified: false };
  }
  const problem = passwordProblem(password, [email, ...attempt.names]);
  if (problem) throw fieldError("password", problem);
  return { newLogin: { email, passwordHash: await hashPassword(password), replaces: existing?.id ?? null } };
}
