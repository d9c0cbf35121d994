import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { EXPIRING_SOON_DAYS } from "@/lib/validations/api-key";

// What the portal's banners tell members with API Keys access: keys reported leaked
// (and so disabled), and keys about to expire. Both are index lookups.

// Keys of the account reported leaked and not yet enabled again or deleted: the latest
// few, and how many in all.
export async function leakedKeys(accountId: string) {
  const where = { accountId, deletedAt: null, leakReportedAt: { not: null } };
  const db = getDb();
  return firstAndTotal(
    3,
    (take) =>
      db.apiKey.findMany({
        where,
        orderBy: { leakReportedAt: "desc" },
        take,
        select: { keyId: true, name: true, leakSource: true, leakReportedAt: true },
      }),
    () => db.apiKey.count({ where }),
  );
}

// Live keys of the account that expire within EXPIRING_SOON_DAYS, soonest first.
export async function keysExpiringSoon(accountId: string) {
  const at = now();
  const where = {
    accountId,
    deletedAt: null,
    enabled: true,
    expiresAt: { gt: at, lte: new Date(at.getTime() + EXPIRING_SOON_DAYS * 86_400_000) },
  };
  const db = getDb();
  return firstAndTotal(
    5,
    (take) =>
      db.apiKey.findMany({
        where,
        orderBy: { expiresAt: "asc" },
        take,
        select: { keyId: true, name: true, expiresAt: true },
      }),
    () => db.apiKey.count({ where }),
  );
}

// The first `take` keys and how many there are in all, counted only when the first read came
// back full: the usual case (none, or a few) is one query, not two (issue 29).
async function firstAndTotal<T>(take: number, first: (take: number) => Promise<T[]>, count: () => Promise<number>) {
  const keys = await first(take);
  return { keys, total: keys.length < take ? keys.length : await count() };
}
