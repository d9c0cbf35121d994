import { getDb } from "@/lib/db";
import { toPermissions, type Permissions } from "@/lib/permissions";
import { hashSecret, isWellFormed } from "./format";
import { keyCache } from "./cache";
import { recordKeyUse } from "./last-used";

export type VerifiedKey = {
  id: string;
  keyId: string;
  name: string;
  account: { id: string; name: string };
  role: { id: string; name: string };
  permissions: Permissions;
};

// The only door for API keys. A malformed secret or a bad checksum is refused before
// any database query. A known key is answered from memory while the cache may be
// trusted (cache.ts), else looked up by its hash; a deleted key or a changed role
// applies to the very next request either way.
export async function verifyApiKey(secret: string): Promise<VerifiedKey | null> {
  if (!isWellFormed(secret)) return null;
  const hash = hashSecret(secret);
  const cached = keyCache.get(hash);
  if (cached) {
    recordKeyUse(cached.id);
    return cached;
  }
  const generation = keyCache.beginRead();
  const key = await getDb().apiKey.findUnique({
    relationLoadStrategy: "join",
    where: { hash },
    select: {
      id: true,
      keyId: true,
      name: true,
      deletedAt: true,
      account: { select: { id: true, name: true } },
      role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
    },
  });
  if (!key || key.deletedAt) return null;
  recordKeyUse(key.id);
  const verified: VerifiedKey = {
    id: key.id,
    keyId: key.keyId,
    name: key.name,
    account: key.account,
    role: { id: key.role.id, name: key.role.name },
    permissions: toPermissions(key.role.permissions),
  };
  keyCache.set(hash, verified, generation);
  return verified;
}
