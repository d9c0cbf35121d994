import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { createBuiltInRoles } from "@/lib/roles/built-in";

type NewAccount = { accountName: string; name: string; email: string; password: string };

// A new tenant: the account, its built-in roles, and its creator as the first Owner.
export async function createAccount(input: NewAccount) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const account = await tx.account.create({ data: { name: input.accountName }, select: { id: true } });
      const { ownerRoleId } = await createBuiltInRoles(tx, account.id);
      const member = await tx.member.create({
        data: { accountId: account.id, roleId: ownerRoleId, name: input.name, email: input.email, passwordHash },
        select: { id: true },
      });
      return { accountId: account.id, memberId: member.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw fieldError("email", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}
