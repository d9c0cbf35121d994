import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import type { Tx } from "@/lib/records/kind";
import { recordChange } from "@/lib/records/write";
import { EXPIRY_PRESETS, type ExpiryChoice } from "@/lib/validations/api-key";

// The account's key policy: the longest a key may run. It applies whenever an expiry is
// set (creating a key, or changing its expiry), through the API as through the portal;
// keys made before the policy keep their expiry.
const DAY_MS = 86_400_000;

export type KeyPolicy = { maxKeyLifetimeDays: number | null };

export async function getKeyPolicy(accountId: string): Promise<KeyPolicy> {
  const account = await getDb().account.findUniqueOrThrow({
    where: { id: accountId },
    select: { maxKeyLifetimeDays: true },
  });
  return account;
}

export async function setKeyPolicy(actor: Actor, policy: KeyPolicy): Promise<KeyPolicy> {
  return recordChange(
    actor,
    { notFound: "No such account.", conflict: "The policy changed meanwhile." },
    async (tx) => {
      const before = await tx.account.findUniqueOrThrow({
        where: { id: actor.accountId },
        select: { name: true, maxKeyLifetimeDays: true },
      });
      const after = await tx.account.update({
        where: { id: actor.accountId },
        data: { maxKeyLifetimeDays: policy.maxKeyLifetimeDays },
        select: { maxKeyLifetimeDays: true },
      });
      return {
        result: after,
        event: {
          action: "account.key_policy",
          target: { type: "account", id: actor.accountId, name: before.name },
          changes:
            before.maxKeyLifetimeDays === after.maxKeyLifetimeDays
              ? null
              : { maxKeyLifetimeDays: { from: before.maxKeyLifetimeDays, to: after.maxKeyLifetimeDays } },
        },
      };
    },
  );
}

// An expiry being set must lie in the future and, under a maximum lifetime, within it.
export async function checkExpiry(tx: Tx, accountId: string, expiresAt: Date | null): Promise<void> {
  const at = now();
  if (expiresAt && expiresAt <= at) throw fieldError("expiresAt", "Choose an expiry in the future.");
  const { maxKeyLifetimeDays: max } = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { maxKeyLifetimeDays: true },
  });
  if (max === null) return;
  if (!expiresAt || expiresAt.getTime() > at.getTime() + max * DAY_MS) {
    throw fieldError("expiresAt", `Keys of this account must expire within ${max} days.`);
  }
}

// A form's expiry choice as the API's expiresAt: presets count from the server's clock
// (so "90 days" meets a 90-day maximum exactly); undefined: leave the expiry as it is.
export function expiresAtOf(choice: ExpiryChoice): string | null | undefined {
  if (choice === "keep") return undefined;
  if (choice === "never") return null;
  if (choice in EXPIRY_PRESETS) {
    const days = EXPIRY_PRESETS[choice as keyof typeof EXPIRY_PRESETS];
    return new Date(now().getTime() + days * DAY_MS).toISOString();
  }
  return choice;
}
