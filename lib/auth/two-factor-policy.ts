import "server-only";
import type { Actor } from "@/lib/actor";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordChange } from "@/lib/records/write";

// The account policy "Require two-factor" (Owners only): a member whose login has no
// second factor is held at the setup page after signing in, and may do nothing else
// until they set one up (lib/auth/sessions.ts: mustSetUpTwoFactor). API keys are not
// affected.
export async function getTwoFactorPolicy(accountId: string): Promise<{ requireTwoFactor: boolean }> {
  return getDb().account.findUniqueOrThrow({ where: { id: accountId }, select: { requireTwoFactor: true } });
}

export async function setTwoFactorPolicy(
  actor: Actor,
  owner: boolean,
  requireTwoFactor: boolean,
): Promise<{ requireTwoFactor: boolean }> {
  if (!owner) throw new AppError("forbidden", "Only an Owner may change the two-factor policy.");
  return recordChange(
    actor,
    { notFound: "No such account.", conflict: "The policy changed meanwhile." },
    async (tx) => {
      const before = await tx.account.findUniqueOrThrow({
        where: { id: actor.accountId },
        select: { name: true, requireTwoFactor: true },
      });
      const after = await tx.account.update({
        where: { id: actor.accountId },
        data: { requireTwoFactor },
        select: { requireTwoFactor: true },
      });
      return {
        result: after,
        event: {
          action: "account.two_factor_policy",
          target: { type: "account", id: actor.accountId, name: before.name },
          changes:
            before.requireTwoFactor === after.requireTwoFactor
              ? null
              : { requireTwoFactor: { from: before.requireTwoFactor, to: after.requireTwoFactor } },
        },
      };
    },
  );
}

// Which of these members' logins have a second factor (the Team page shows it).
export async function membersWithTwoFactor(accountId: string, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await getDb().member.findMany({
    where: { accountId, id: { in: memberIds }, identity: { totp: { confirmedAt: { not: null } } } },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}
