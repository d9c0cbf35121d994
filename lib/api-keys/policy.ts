import type { Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import type { Tx } from "@/lib/records/kind";
import { recordChange } from "@/lib/records/write";
import { EXPIRY_PRESETS, type ExpiryChoice, type KeyPolicy, type KeyPolicyPatch } from "@/lib/validations/api-key";

// The account's key policy: the longest a key may run. It applies whenever an expiry is
// set (creating a key, or changing its expiry), through the API as through the portal;
// keys made before the policy keep their expiry.
const DAY_MS = 86_400_000;

const policySelect = { maxKeyLifetimeDays: true, disableUnusedKeysAfterDays: true } as const;
type PolicyRow = { maxKeyLifetimeDays: number | null; disableUnusedKeysAfterDays: number | null };
const toPolicy = (row: PolicyRow): KeyPolicy => ({
  maxKeyLifetimeDays: row.maxKeyLifetimeDays,
  disableUnusedAfterDays: row.disableUnusedKeysAfterDays,
});

export async function getKeyPolicy(accountId: string): Promise<KeyPolicy> {
  return toPolicy(await getDb().account.findUniqueOrThrow({ where: { id: accountId }, select: policySelect }));
}

// Changes the fields given; the others stay.
export async function setKeyPolicy(actor: Actor, patch: KeyPolicyPatch): Promise<KeyPolicy> {
  return recordChange(
    actor,
    { notFound: "No such account.", conflict: "The policy changed meanwhile." },
    async (tx) => {
      const before = await tx.account.findUniqueOrThrow({
        where: { id: actor.accountId },
        select: { name: true, ...policySelect },
      });
      const after = await tx.account.update({
        where: { id: actor.accountId },
        data: {
          maxKeyLifetimeDays: patch.maxKeyLifetimeDays,
          disableUnusedKeysAfterDays: patch.disableUnusedAfterDays,
        },
        select: policySelect,
      });
      const changes: Record<string, { from: number | null; to: number | null }> = {};
      for (const field of ["maxKeyLifetimeDays", "disableUnusedKeysAfterDays"] as const) {
        if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
      }
      return {
        result: toPolicy(after),
        event: {
          action: "account.key_policy",
          target: { type: "account", id: actor.accountId, name: before.name },
          changes: Object.keys(changes).length > 0 ? changes : null,
        },
      };
    },
  );
}

// An expiry being set must lie in the future and, under a maximum lifetime, within it.
export async function checkExpiry(tx: Tx, accountId: string, expiresAt: Date | null): Promise<void> {
  const { maxKeyLifetimeDays } = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { maxKeyLifetimeDays: true },
  });
  checkLifetime(expiresAt, maxKeyLifetimeDays);
}

// The same, with the account's maximum lifetime (days; null: none) already read.
export function checkLifetime(expiresAt: Date | null, maxDays: number | null): void {
  const at = now();
  if (expiresAt && expiresAt <= at) throw fieldError("expiresAt", "Choose an expiry in the future.");
  if (maxDays === null) return;
  if (!expiresAt || expiresAt.getTime() > at.getTime() + maxDays * DAY_MS) {
    throw fieldError("expiresAt", `Keys of this account must expire within ${maxDays} days.`);
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
