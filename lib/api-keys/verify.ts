import { keyActor, type Actor } from "@/lib/actor";
import { now } from "@/lib/clock";
import { getUnscopedDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { keyCache, type CachedKey } from "@/lib/key-cache/cache";
import { secretFilter } from "@/lib/key-cache/secret-filter";
import { toPermissions, type Level } from "@/lib/permissions";
import type { KeyLimitsRow } from "@/lib/key-limits";
import { toKeyScope } from "@/lib/key-scope";
import { processSingleton } from "@/lib/process-singleton";
import { parseBearer } from "./bearer";
import { hashSecret, isWellFormed } from "./format";
import { compileAllowlist, isAllowed } from "@/lib/http/ip-allowlist";
import { fromStoredTags } from "@/lib/validations/key-notes";
import { bindToAddress } from "./bind";
import { recordKeyUse } from "./last-used";

// The only door for API keys. A malformed secret or a bad checksum is refused before
// any database query. A known key is answered from memory while the cache may be
// trusted (key-cache/); a made-up one whose hash is in no stored secret is refused from
// memory (secret-filter.ts); others are looked up by hash in one query (concurrent misses
// for one hash share it). Deleted, disabled and expired keys and rolled secrets past their
// grace period are all null (one 401 for all, like an unknown key); a valid key used
// from outside its IP allowlist is a 403 naming the address seen. Every one of these
// checks is answered from the cached entry; so is whether the key waits to be bound to
// its first client address (bind.ts), which costs a write once.
export async function verifyApiKey(secret: string, clientAddress: string | null): Promise<Actor | null> {
  const hash = hashOf(secret);
  return hash ? verifyHash(hash, clientAddress) : null;
}

// The same check for a secret already hashed by presentedHash (once per request: the
// front door hands its hash to the route, lib/api/key-handover.ts).
export async function verifyHash(hash: string, clientAddress: string | null): Promise<Actor | null> {
  const at = now().getTime();
  const key = keyCache.get(hash, at) ?? (await lookUpKnown(hash));
  if (!key || key.usableUntil <= at) return null;
  if (!isAllowed(key.allowlist, clientAddress)) {
    const seen = clientAddress ?? "unknown";
    throw new AppError("ip_not_allowed", `This key may not be used from ${seen}.`, { clientAddress: seen });
  }
  // Waiting to be bound: this request binds it, or finds another request already did,
  // and is then checked against the allowlist that request set (a fresh read).
  if (key.bindPending && !(await bindToAddress(key.actor, clientAddress))) return verifyHash(hash, clientAddress);
  recordKeyUse(key.actor.rowId, clientAddress);
  return key.actor;
}

// The hash of the secret in an `Authorization: Bearer <key>` value, or null when there is
// no well-formed secret in it (refused before any hashing or lookup).
export function presentedHash(authorization: string | null): string | null {
  const secret = parseBearer(authorization);
  return secret ? hashOf(secret) : null;
}

// Whether verifyHash would refuse `hash` without a query: no hash (malformed), or one that
// is neither cached nor in the filter of stored secrets (lib/api/front-door.ts).
export function refusedFromMemory(hash: string | null): boolean {
  return !hash || (!keyCache.get(hash, now().getTime()) && !secretFilter.mightBeLive(hash));
}

// Every key check hashes its secret here, and counts it: a request with a valid key adds
// one (tests/api/key-check-once.test.ts reads it through GET /api/test/key-cache).
const checks = processSingleton("secretsHashed", () => ({ count: 0 }));

function hashOf(secret: string): string | null {
  if (!isWellFormed(secret)) return null;
  checks.count += 1;
  return hashSecret(secret);
}

// Secrets hashed for key checks since the process started (the test endpoint).
export function secretsHashed(): number {
  return checks.count;
}

// A hash that no stored secret has is refused from memory; others go to the database.
function lookUpKnown(hash: string): Promise<CachedKey | null> | null {
  if (!secretFilter.mightBeLive(hash)) return null;
  return keyCache.load(hash, (generation) => lookUp(hash, generation));
}

type Found = {
  id: string;
  key_id: string;
  name: string;
  usable_until: number | null;
  ip_allowlist: string[];
  bind_to_first_address: boolean;
  description: string;
  tags: string[];
  scoped: boolean;
  scope_network_ids: string[];
  scope_group_ids: string[];
  account_id: string;
  account_name: string;
  role_id: string;
  role_name: string;
  permissions: string;
} & KeyLimitsRow;

// By its hash across all accounts (the key is what tells us the account): a live,
// enabled key with its role and permissions, in one statement on either database.
// The entry is cached until the earlier of the key's expiry and the secret's grace end;
// whether that has passed is the caller's check, against its own clock reading.
async function lookUp(hash: string, generation: number): Promise<CachedKey | null> {
  const [found] = await getUnscopedDb().$queryRaw<Found[]>`
    SELECT k.id::text, k.key_id, k.name::text, k.ip_allowlist, k.bind_to_first_address, k.description, k.tags,
      k.scoped, k.scope_network_ids::text[], k.scope_group_ids::text[],
      k.rate_limit_per_second AS "rateLimitPerSecond", k.rate_limit_per_minute AS "rateLimitPerMinute",
      k.quota_limit AS "quotaLimit", k.quota_period::text AS "quotaPeriod",
      (extract(epoch FROM least(s.valid_until, k.expires_at)) * 1000)::float8 AS usable_until,
      a.id::text AS account_id, a.name AS account_name, r.id::text AS role_id, r.name::text AS role_name,
      (SELECT coalesce(json_agg(json_build_object('area', p.area, 'level', p.level)), '[]')::text
         FROM role_permissions p WHERE p.role_id = r.id) AS permissions
    FROM api_key_secrets s
    JOIN api_keys k ON k.id = s.api_key_id
    JOIN accounts a ON a.id = k.account_id
    JOIN roles r ON r.id = k.role_id
    WHERE s.hash = ${hash} AND k.deleted_at IS NULL AND k.enabled`;
  if (!found) return null;
  const permissions = JSON.parse(found.permissions) as { area: string; level: Level }[];
  const entry: CachedKey = {
    actor: keyActor(
      {
        id: found.id,
        keyId: found.key_id,
        name: found.name,
        account: { id: found.account_id, name: found.account_name },
        role: { id: found.role_id, name: found.role_name },
        rateLimitPerSecond: found.rateLimitPerSecond,
        rateLimitPerMinute: found.rateLimitPerMinute,
        quotaLimit: found.quotaLimit,
        quotaPeriod: found.quotaPeriod,
        notes: { description: found.description, tags: fromStoredTags(found.tags) },
        scope: toKeyScope({
          scoped: found.scoped,
          scopeNetworkIds: found.scope_network_ids ?? [],
          scopeGroupIds: found.scope_group_ids ?? [],
        }),
      },
      toPermissions(permissions),
    ),
    usableUntil: found.usable_until ?? Infinity,
    allowlist: compileAllowlist(found.ip_allowlist),
    bindPending: found.bind_to_first_address,
  };
  keyCache.set(hash, entry, generation);
  return entry;
}
