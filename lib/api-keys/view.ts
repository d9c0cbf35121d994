import { z } from "zod";
import { now } from "@/lib/clock";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toKeyLimits, keyLimitsSelect } from "@/lib/rate-limit/key-limits";
import { isoDate } from "@/lib/validations/common";

// A key's outside view, defined once: what the API returns, what the portal shows, and
// the columns read for it. The secret and its hash are never part of it. Lists read only
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
  leakReportedAt: true,
  leakSource: true,
  deletedAt: true,
  ...keyLimitsSelect,
  role: { select: { id: true, name: true } },
} satisfies Prisma.ApiKeySelect;

export const apiKeySelect = {
  ...apiKeyViewSelect,
  role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
} satisfies Prisma.ApiKeySelect;

export type ApiKeyViewRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeyViewSelect }>;
export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

export const API_KEY_STATE_VALUES = ["active", "disabled", "expired"] as const;
export type ApiKeyState = (typeof API_KEY_STATE_VALUES)[number];

export const apiKeySchema = z.object({
  keyId: z.string().meta({ examples: ["key_3fJ8kQ2mX9pL4vRt"] }),
  name: z.string().meta({ examples: ["billing sync"] }),
  start: z.string().meta({ description: "The prefix and first characters of the current secret." }),
  role: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable().meta({ description: "Precise to about 5 seconds." }),
  lastUsedAddress: z.string().nullable().meta({ description: "The client address of that last use." }),
  enabled: z.boolean(),
  expiresAt: isoDate.nullable().meta({ description: "When the key stops working; null: never." }),
  ipAllowlist: z
    .array(z.string())
    .meta({ description: "Addresses and CIDR ranges it may be used from; empty: anywhere." }),
  state: z.enum(API_KEY_STATE_VALUES).meta({
    description: "expired once expiresAt has passed; else disabled when enabled is false; else active.",
  }),
  leakReport: z
    .object({ reportedAt: isoDate, source: z.string() })
    .nullable()
    .meta({ description: "Set when a secret of this key was reported leaked (which disabled it)." }),
  rateLimit: z
    .object({ perSecond: z.number().int().nullable(), perMinute: z.number().int().nullable() })
    .nullable()
    .meta({ description: "Requests per second and/or per minute; null: no limit." }),
  quota: z
    .object({ limit: z.number().int(), period: z.enum(["day", "month"]) })
    .nullable()
    .meta({ description: "Requests per UTC day or month; null: no quota." }),
});

export const SECRET_STATES = ["current", "grace", "ended"] as const;

// The key's secrets, newest first: its roll history.
export const apiKeySecretSchema = z.object({
  start: z.string(),
  createdAt: isoDate,
  validUntil: isoDate.nullable().meta({ description: "null for the current secret." }),
  state: z.enum(SECRET_STATES).meta({ description: "grace: rolled, still working until validUntil." }),
});

export const apiKeyDetailSchema = apiKeySchema.extend({
  createdBy: z
    .string()
    .nullable()
    .meta({
      description: 'Who created it: "member:<id>" or "api_key:<Key ID>".',
      examples: ["api_key:key_3fJ8kQ2mX9pL4vRt"],
    }),
  secrets: z.array(apiKeySecretSchema).meta({ description: "Its secrets, newest first: the roll history." }),
});

export const createdApiKeySchema = apiKeyDetailSchema.extend({
  secret: z.string().meta({ description: "The key itself. Shown in this response only." }),
});

export type ApiKeyJson = z.infer<typeof apiKeySchema>;
export type ApiKeyDetailJson = z.infer<typeof apiKeyDetailSchema>;
export type ApiKeySecretJson = z.infer<typeof apiKeySecretSchema>;

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
type SecretRow = Prisma.ApiKeySecretGetPayload<{ select: typeof secretSelect }>;

export function toSecretJson(secret: SecretRow, at: Date = now()): ApiKeySecretJson {
  return {
    start: secret.start,
    createdAt: secret.createdAt.toISOString(),
    validUntil: secret.validUntil?.toISOString() ?? null,
    state: secret.validUntil === null ? "current" : secret.validUntil > at ? "grace" : "ended",
  };
}
