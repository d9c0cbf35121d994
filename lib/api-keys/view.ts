import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toKeyLimits, keyLimitsSelect } from "@/lib/rate-limit/key-limits";
import { isoDate } from "@/lib/validations/common";

// A key's outside view, defined once: what the API returns, what the portal shows, and
// the columns read for it. The secret and its hash are never part of it.
export const apiKeySelect = {
  id: true,
  keyId: true,
  name: true,
  start: true,
  createdAt: true,
  lastUsedAt: true,
  deletedAt: true,
  ...keyLimitsSelect,
  role: { select: { id: true, name: true, permissions: { select: { area: true, level: true } } } },
} satisfies Prisma.ApiKeySelect;

export type ApiKeyRow = Prisma.ApiKeyGetPayload<{ select: typeof apiKeySelect }>;

export const apiKeySchema = z.object({
  keyId: z.string(),
  name: z.string(),
  start: z.string().meta({ description: "The prefix and first characters of the secret." }),
  role: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable().meta({ description: "Precise to about 5 seconds." }),
  rateLimit: z
    .object({ perSecond: z.number().int().nullable(), perMinute: z.number().int().nullable() })
    .nullable()
    .meta({ description: "Requests per second and/or per minute; null: no limit." }),
  quota: z
    .object({ limit: z.number().int(), period: z.enum(["day", "month"]) })
    .nullable()
    .meta({ description: "Requests per UTC day or month; null: no quota." }),
});

export const createdApiKeySchema = apiKeySchema.extend({
  secret: z.string().meta({ description: "The key itself. Shown in this response only." }),
});

export type ApiKeyJson = z.infer<typeof apiKeySchema>;

export function toApiKeyJson(key: ApiKeyRow): ApiKeyJson {
  // A live key always has a role (a CHECK constraint); only deleted keys may lose it.
  if (!key.role) throw new Error(`key ${key.keyId} has no role`);
  return {
    keyId: key.keyId,
    name: key.name,
    start: key.start,
    role: { id: key.role.id, name: key.role.name },
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    ...limitsView(key),
  };
}

function limitsView(key: ApiKeyRow): Pick<ApiKeyJson, "rateLimit" | "quota"> {
  const limits = toKeyLimits(key);
  const rate = limits && (limits.perSecond || limits.perMinute);
  return {
    rateLimit: rate ? { perSecond: limits.perSecond, perMinute: limits.perMinute } : null,
    quota: limits?.quota ?? null,
  };
}
