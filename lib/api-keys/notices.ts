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
  const [keys, total] = await Promise.all([
    db.apiKey.findMany({
      where,
      orderBy: { leakReportedAt: "desc" },
      take: 3,
      select: { keyId: true, name: true, leakSource: true, leakReportedAt: true },
    }),
    db.apiKey.count({ where }),
  ]);
  return { keys, total };
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
  const [keys, total] = await Promise.all([
    db.apiKey.findMany({
      where,
      orderBy: { expiresAt: "asc" },
      take: 5,
      select: { keyId: true, name: true, expiresAt: true },
    }),
    db.apiKey.count({ where }),
  ]);
  return { keys, total };
}
