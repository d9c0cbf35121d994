import { keyActor, type Actor } from "@/lib/auth/actor";
import { getUnscopedDb } from "@/lib/db";
import { keyCache } from "@/lib/key-cache/cache";
import { toPermissions } from "@/lib/permissions";
import { keyLimitsSelect } from "@/lib/rate-limit/key-limits";
import { hashSecret, isWellFormed } from "./format";
import { recordKeyUse } from "./last-used";

// The only door for API keys. A malformed secret or a bad checksum is refused before
// any database query. A known key is answered from memory while the cache may be
// trusted (key-cache/), else looked up by its hash; a deleted key or a changed role
// applies to the very next request either way.
export async function verifyApiKey(secret: string): Promise<Actor | null> {
  if (!isWellFormed(secret)) return null;
  const hash = hashSecret(secret);
  const cached = keyCache.get(hash);
  if (cached) {
    recordKeyUse(cached.rowId);
    return cached;
  }
  const generation = keyCache.beginRead();
  // By its hash across all accounts: the key is what tells us the account.
  const key = await getUnscopedDb().apiKey.findUnique({
    relationLoadStrategy: "join",
    where: { hash },
    select: {
      id: true,
      keyId: true,
      name: true,
      deletedAt: true,
      ...keyLimitsSelect,
      account: { select: { id: true, name: true } },
      role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
    },
  });
  if (!key || key.deletedAt || !key.role) return null;
  recordKeyUse(key.id);
  const actor = keyActor({ ...key, role: key.role }, toPermissions(key.role.permissions));
  keyCache.set(hash, actor, generation);
  return actor;
}
