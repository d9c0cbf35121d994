import { now } from "@/lib/clock";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toKeyLimits, keyLimitsSelect } from "@/lib/key-limits";
import { keyScopeSelect, toKeyScope } from "@/lib/key-scope";
import type { ApiKeyJson, ApiKeySecretJson, ApiKeyState } from "./api-key";
import { fromStoredTags } from "./key-notes";

// A key's outside view, defined once: what the API returns, what the portal shows, what
// webhook events carry (so it sits low in the layers), and the columns read for it. The secret and its hash are never part of it. Lists read only
// the role's id and name (its permissions, a join per row, are not part of the view);
// the record writer's access rule reads them too (apiKeySelect).
export const apiKeyViewSelect = {
  id: true,
  keyId: true,
  accountId: true,
  name: true,
  start: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedAddress: true,
  enabled: true,
  expiresAt: true,
  ipAllowlist: true,
  bindToFirstAddress: true,
  description: true,
  tags: true,
  leakReportedAt: true,
  leakSource: true,
  deletedAt: true,
  ...keyLimitsSelect,
  ...keyScopeSelect,
  role: { select: { id: true, name: true } },
} satisfies Prisma.ApiKeySelect;

export const apiKeySelect = {
  ...apiKeyViewSelect,
  role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
} satisfies Prisma.ApiKeySelect;

export type ApiKeyViewRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeyViewSelect }>;
export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

export function stateOf(key: Pick<ApiKeyViewRow, "enabled" | "expiresAt">, at: Date = now()): ApiKeyState {
  if (key.expiresAt && key.expiresAt <= at) return "expired";
  return key.enabled ? "active" : "disabled";
}

export function toApiKeyJson(key: ApiKeyViewRow, at: Date = now()): ApiKeyJson {
  // A live key always has a role (a CHECK constraint); only deleted keys may lose it.
  if (!key.role) throw new Error(`key ${key.keyId} has no role`);
  return {
    keyId: key.keyId,
    name: key.name,
    start: key.start,
    role: { id: key.role.id, name: key.role.name },
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    lastUsedAddress: key.lastUsedAddress,
    enabled: key.enabled,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    ipAllowlist: key.ipAllowlist,
    bindToFirstAddress: key.bindToFirstAddress,
    description: key.description,
    tags: fromStoredTags(key.tags),
    scope: toKeyScope(key),
    state: stateOf(key, at),
    leakReport:
      key.leakReportedAt && key.leakSource
        ? { reportedAt: key.leakReportedAt.toISOString(), source: key.leakSource }
        : null,
    ...limitsView(key),
  };
}

function limitsView(key: ApiKeyViewRow): Pick<ApiKeyJson, "rateLimit" | "quota"> {
  const limits = toKeyLimits(key);
  const rate = limits && (limits.perSecond || limits.perMinute);
  return {
    rateLimit: rate ? { perSecond: limits.perSecond, perMinute: limits.perMinute } : null,
    quota: limits?.quota ?? null,
  };
}

export const secretSelect = { start: true, createdAt: true, validUntil: true } satisfies Prisma.ApiKeySecretSelect;
export type SecretRow = Prisma.ApiKeySecretGetPayload<{ select: typeof secretSelect }>;

export function toSecretJson(secret: SecretRow, at: Date = now()): ApiKeySecretJson {
  return {
    start: secret.start,
    createdAt: secret.createdAt.toISOString(),
    validUntil: secret.validUntil?.toISOString() ?? null,
    state: secret.validUntil === null ? "current" : secret.validUntil > at ? "grace" : "ended",
  };
}
