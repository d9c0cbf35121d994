import "server-only";
import { now } from "@/lib/clock";
import { getDb } from "@/lib/db";
import { quotaState, type QuotaState } from "@/lib/rate-limit/quota";

// What is left of a key's quota this period, for its page (null: no quota, or no such key
// in this account). Read from the same counter the request path takes from.
export async function quotaOfKey(accountId: string, keyId: string): Promise<QuotaState | null> {
  const key = await getDb().apiKey.findFirst({
    where: { keyId, accountId, deletedAt: null },
    select: { id: true, quotaLimit: true, quotaPeriod: true },
  });
  if (!key?.quotaLimit || !key.quotaPeriod) return null;
  return quotaState(key.id, { limit: key.quotaLimit, period: key.quotaPeriod }, now());
}
