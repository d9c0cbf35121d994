import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createBuiltInRoles } from "@/lib/roles/built-in";

type NewAccount = { accountName: string; name: string; email: string; password: string };

// A new tenant: the account, its built-in roles, and its creator as the first Owner.
// An email that already has a login adds the organisation to that login, once its
// password is given (checked and braked like a sign-in); a new email gets a new login
// whose password must pass the policy.
export async function createAccount(input: NewAccount, clientAddress: string | null) {
  const db = getDb();
  const existing = await db.identity.findUnique({ where: { email: input.email }, select: { id: true } });
  let login: { identityId: string } | { passwordHash: string };
  if (existing) {
    const verified = await verifyCredentials(input.email, input.password, clientAddress);
    if (!verified) {
      throw fieldError(
        "email",
        "This email already has a login. Enter its password to create another organisation with it, or sign in.",
      );
    }
    login = { identityId: verified.id };
  } else {
    const problem = passwordProblem(input.password, [input.email, input.name, input.accountName]);
    if (problem) throw fieldError("password", problem);
    login = { passwordHash: await hashPassword(input.password) };
  }
  try {
    return await db.$transaction(async (tx) => {
      const account = await tx.account.create({ data: { name: input.accountName }, select: { id: true } });
      const { ownerRoleId } = await createBuiltInRoles(tx, account.id);
      const identityId =
        "identityId" in login
          ? login.identityId
          : (await tx.identity.create({ data: { email: input.email, passwordHash: login.passwordHash } })).id;
      const member = await tx.member.create({
        data: { accountId: account.id, roleId: ownerRoleId, name: input.name, identityId },
        select: { id: true },
      });
      await tx.identity.update({ where: { id: identityId }, data: { lastAccountId: account.id } });
      return { accountId: account.id, memberId: member.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw fieldError("email", "This email already has a login. Sign in instead.");
    }
    throw error;
  }
}
