import "server-only";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { verifyCredentials } from "./credentials";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-policy";

export type LoginForEmail = { identityId: string } | { newLogin: { email: string; passwordHash: string } };

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
// accepting an invitation): an email that already has a login must come with that
// login's password, checked and braked like a sign-in; a new email gets a new login,
// whose password must pass the policy. The caller creates the new login in its own
// transaction (a clash there means the email got a login meanwhile).
export async function loginForEmail(attempt: Attempt): Promise<LoginForEmail> {
  const { email, password } = attempt;
  const existing = await getDb().identity.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    const verified = await verifyCredentials(email, password, attempt.clientAddress);
    if (!verified) throw fieldError(attempt.wrongPassword.field, attempt.wrongPassword.message);
    return { identityId: verified.id };
  }
  const problem = passwordProblem(password, [email, ...attempt.names]);
  if (problem) throw fieldError("password", problem);
  return { newLogin: { email, passwordHash: await hashPassword(password) } };
}
