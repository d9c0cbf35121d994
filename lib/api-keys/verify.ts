import { keyActor, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { keyCache, type CachedKey } from "@/lib/key-cache/cache";
import { toPermissions } from "@/lib/permissions";
import { keyLimitsSelect } from "@/lib/rate-limit/key-limits";
import { hashSecret, isWellFormed } from "./format";
import { compileAllowlist, isAllowed } from "./ip-allowlist";
import { recordKeyUse } from "./last-used";

// The only door for API keys. A malformed secret or a bad checksum is refused before
// any database query. A known key is answered from memory while the cache may be
// trusted (key-cache/), else looked up by its hash. Deleted, disabled and expired keys
// and rolled secrets past their grace period are all null (one 401 for all, like an
// unknown key); a valid key used from outside its IP allowlist is a 403 naming the
// address seen. Every one of these checks is answered from the cached entry.
export async function verifyApiKey(secret: string, clientAddress: string | null): Promise<Actor | null> {
  if (!isWellFormed(secret)) return null;
  const hash = hashSecret(secret);
  const at = now().getTime();
  const key = keyCache.get(hash, at) ?? (await lookUp(hash, at));
  if (!key) return null;
  if (!isAllowed(key.allowlist, clientAddress)) {
    const seen = clientAddress ?? "unknown";
    throw new AppError("ip_not_allowed", `This key may not be used from ${seen}.`, { clientAddress: seen });
  }
  recordKeyUse(key.actor.rowId, clientAddress);
  return key.actor;
}

async function lookUp(hash: string, at: number): Promise<CachedKey | null> {
  const generation = keyCache.beginRead();
  // By its hash across all accounts: the key is what tells us the account.
  const found = await getUnscopedDb().apiKeySecret.findUnique({
    relationLoadStrategy: "join",
    where: { hash },
    select: {
      validUntil: true,
      apiKey: {
        select: {
          id: true,
          keyId: true,
          name: true,
          enabled: true,
          expiresAt: true,
          ipAllowlist: true,
          deletedAt: true,
          ...keyLimitsSelect,
          account: { select: { id: true, name: true } },
          role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
        },
      },
    },
  });
  if (!found) return null;
  const { apiKey: key, validUntil } = found;
  if (key.deletedAt || !key.role || !key.enabled) return null;
  const usableUntil = Math.min(key.expiresAt?.getTime() ?? Infinity, validUntil?.getTime() ?? Infinity);
  if (usableUntil <= at) return null;
  const entry: CachedKey = {
    actor: keyActor({ ...key, role: key.role }, toPermissions(key.role.permissions)),
    usableUntil,
    allowlist: compileAllowlist(key.ipAllowlist),
  };
  keyCache.set(hash, entry, generation);
  return entry;
}
