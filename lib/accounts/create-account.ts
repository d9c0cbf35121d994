import { randomUUID } from "node:crypto";
import { memberActor } from "@/lib/actor";
import { createLogin } from "@/lib/auth/claims";
import { issueVerification } from "@/lib/auth/email-verification";
import { loginForEmail } from "@/lib/auth/login-for-email";
import { wakeOutbox } from "@/lib/outbox/worker";
import { allPermissions } from "@/lib/permissions";
import { recordFounding } from "@/lib/records/write";
import { createBuiltInRoles } from "@/lib/roles/built-in";

type NewAccount = { accountName: string; name: string; email: string; password: string };

// A new email whose login was created meanwhile (two sign-ups at once) clashes here.
const accountKind = {
  conflict: "This email already has a login. Sign in instead.",
  conflictField: "email",
  notFound: "This account no longer exists.",
};

// A new tenant: the account, its built-in roles, and its creator as the first Owner,
// recorded as "account.created" by that Owner. An email that already has a login adds
// the organisation to that login, once its password is given (lib/auth/login-for-email.ts).
// A login that has not confirmed its email (a new one, or a claim going on) gets a
// verification mail in the same transaction; `verified` says which.
export async function createAccount(input: NewAccount, clientAddress: string | null) {
  const login = await loginForEmail({
    email: input.email,
    password: input.password,
    names: [input.name, input.accountName],
    clientAddress,
    wrongPassword: {
      field: "email",
      message: "This email already has a login. Enter its password to create another organisation with it, or sign in.",
    },
  });
  const created = await recordFounding(accountKind, async (tx) => {
    const account = await tx.account.create({
      // Its id chosen here, so row-level security lets the new account's rows be written.
      data: { id: randomUUID(), name: input.accountName },
      select: { id: true, name: true },
    });
    const { ownerRoleId } = await createBuiltInRoles(tx, account.id);
    const identityId = "identityId" in login ? login.identityId : await createLogin(tx, login.newLogin);
    const verified = "identityId" in login && login.verified;
    const member = await tx.member.create({
      data: { accountId: account.id, roleId: ownerRoleId, name: input.name, identityId },
      select: { id: true },
    });
    await tx.identity.update({ where: { id: identityId }, data: { lastAccountId: account.id } });
    if (!verified) await issueVerification(tx, { identityId, email: input.email, name: input.name });
    const owner = memberActor(
      { id: member.id, name: input.name, email: input.email, account, role: { id: ownerRoleId, name: "Owner" } },
      allPermissions("FULL"),
    );
    return {
      result: { accountId: account.id, memberId: member.id, verified },
      actor: owner,
      event: {
        action: "account.created",
        target: { type: "account", id: account.id, name: account.name },
        changes: { name: { from: null, to: account.name } },
      },
    };
  });
  if (!created.verified) wakeOutbox();
  return created;
}
