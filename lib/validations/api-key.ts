import { z } from "zod";
import { MAX_ALLOWLIST_ENTRIES, normalizeAllowlist } from "@/lib/http/ip-allowlist";
import { LEVELS } from "@/lib/permissions";
import { dateTimeInput, isoDate, pageQuerySchema, searchParam } from "./common";
import { keyLimitsInput } from "./key-limits";
import { descriptionSchema, tagFilterSchema, tagLinesSchema, tagsSchema } from "./key-notes";
import { singleLine } from "./text";

export const keyNameSchema = singleLine("Enter a name for the key.", 100, "Use at most 100 characters for the name.");

export const roleIdSchema = z.uuid({ error: "Choose a role." });

export const expiresAtSchema = dateTimeInput("Use an ISO 8601 date-time, like 2027-01-31T12:00:00Z, or null.")
  .nullable()
  .meta({ description: "When the key stops working; null: never.", examples: ["2027-01-31T12:00:00Z"] });

// Addresses and CIDR ranges, stored normalised; an empty list allows any address.
export const ipAllowlistSchema = z
  .array(z.string().max(100, "Use at most 100 characters per entry."))
  .max(MAX_ALLOWLIST_ENTRIES, `Use at most ${MAX_ALLOWLIST_ENTRIES} entries.`)
  .transform((entries, ctx) => {
    const { entries: normalized, invalid } = normalizeAllowlist(entries);
    for (const index of invalid) {
      ctx.addIssue({
        code: "custom",
        path: [index],
        message: `“${entries[index]}” is not an IPv4 or IPv6 address or CIDR range.`,
      });
    }
    return normalized;
  })
  .meta({
    description: "IPv4/IPv6 addresses and CIDR ranges the key may be used from; empty: anywhere.",
    examples: [["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"]],
  });

export const enabledSchema = z
  .boolean()
  .meta({ description: "A disabled key is refused like an unknown one until enabled again." });

export const bindToFirstAddressSchema = z.boolean().meta({
  description:
    "While true, the key's next request that ipAllowlist admits sets ipAllowlist to its address (IPv4 /32, IPv6 /64) and turns this off.",
});

// Notes, tags and binding: sent by the API and the portal's dialogs alike.
const keyNotesInput = {
  description: descriptionSchema.optional(),
  tags: tagsSchema.optional(),
  bindToFirstAddress: bindToFirstAddressSchema.optional(),
};

export const createApiKeySchema = z.strictObject({
  name: keyNameSchema,
  roleId: roleIdSchema,
  expiresAt: expiresAtSchema.optional(),
  enabled: enabledSchema.optional(),
  ipAllowlist: ipAllowlistSchema.optional(),
  ...keyNotesInput,
  ...keyLimitsInput,
});

export const updateApiKeySchema = z
  .strictObject({
    name: keyNameSchema.optional(),
    roleId: roleIdSchema.optional(),
    expiresAt: expiresAtSchema.optional(),
    enabled: enabledSchema.optional(),
    ipAllowlist: ipAllowlistSchema.optional(),
    ...keyNotesInput,
    ...keyLimitsInput,
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    error:
      "Send at least one of name, roleId, expiresAt, enabled, ipAllowlist, description, tags, bindToFirstAddress, rateLimit, quota.",
  });

export const keyIdSchema = z.string().regex(/^key_[0-9A-Za-z]{16}$/, "Not a Key ID.");

// How long the old secret keeps working after a roll.
export const GRACE_PERIODS = { now: 0, "1h": 3600, "24h": 86_400, "7d": 7 * 86_400 } as const;
export type GracePeriod = keyof typeof GRACE_PERIODS;
export const GRACE_PERIOD_LABELS: Record<GracePeriod, string> = {
  now: "No grace period: it stops now",
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
};

export const rollApiKeySchema = z.strictObject({
  gracePeriod: z
    .enum(Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]], {
      error: "Choose a grace period: now, 1h, 24h or 7d.",
    })
    .meta({ description: "How long the old secret keeps working: now, 1h, 24h or 7d." }),
});

// Expiry presets of the portal's forms, in days.
export const EXPIRY_PRESETS = { "7d": 7, "30d": 30, "90d": 90, "1y": 365 } as const;
export type ExpiryPreset = keyof typeof EXPIRY_PRESETS;
// A form's expiry: a preset, "never", "keep" (edit: leave it as it is) or an ISO date-time.
export const expiryChoiceSchema = z.union([
  z.enum([...(Object.keys(EXPIRY_PRESETS) as ExpiryPreset[]), "never", "keep"]),
  dateTimeInput("Choose a date and time."),
]);
export type ExpiryChoice = z.infer<typeof expiryChoiceSchema>;

export const MAX_LIFETIME_DAYS = 3650;
// The unused-key policy's notice comes this many days before it disables a key.
export const UNUSED_NOTICE_DAYS = 7;
export const keyPolicySchema = z.strictObject({
  maxKeyLifetimeDays: z
    .number({ error: "Enter a number of days, or null for no maximum." })
    .int("Enter a whole number of days.")
    .min(1, "Use at least 1 day.")
    .max(MAX_LIFETIME_DAYS, `Use at most ${MAX_LIFETIME_DAYS} days.`)
    .nullable()
    .meta({ description: "The longest a new key may run, in days; null: no maximum.", examples: [90] }),
  disableUnusedAfterDays: z
    .number({ error: "Enter a number of days, or null to keep unused keys." })
    .int("Enter a whole number of days.")
    .min(
      UNUSED_NOTICE_DAYS + 1,
      `Use at least ${UNUSED_NOTICE_DAYS + 1} days: the notice comes ${UNUSED_NOTICE_DAYS} days before.`,
    )
    .max(MAX_LIFETIME_DAYS, `Use at most ${MAX_LIFETIME_DAYS} days.`)
    .nullable()
    .meta({
      description: `Keys unused for this many days are disabled, after a notice ${UNUSED_NOTICE_DAYS} days before; null: never.`,
      examples: [90],
    }),
});
export type KeyPolicy = z.infer<typeof keyPolicySchema>;
// PATCH: the fields given change, the others stay.
export const keyPolicyPatchSchema = keyPolicySchema.partial();
export type KeyPolicyPatch = z.infer<typeof keyPolicyPatchSchema>;

// Keys expiring within this many days are highlighted, listed in a banner, and "expiring".
export const EXPIRING_SOON_DAYS = 7;

export const API_KEY_SORTS = ["name", "createdAt", "lastUsedAt"] as const;
export const API_KEY_STATES = ["active", "expiring", "disabled", "expired"] as const;
export type ApiKeyStateFilter = (typeof API_KEY_STATES)[number];

export const listApiKeysSchema = pageQuerySchema.extend({
  q: searchParam("Part of the name or Key ID"),
  sort: z.enum(API_KEY_SORTS).default("createdAt").meta({
    description: "name sorts without regard to case; lastUsedAt puts never-used keys first ascending, last descending.",
  }),
  dir: z.enum(["asc", "desc"]).default("desc"),
  state: z
    .enum(API_KEY_STATES)
    .optional()
    .meta({ description: "Only keys in this state; expiring: active and expiring within 7 days." }),
  tag: tagFilterSchema,
});

export const leakReportSchema = z.strictObject({
  secrets: z
    .array(z.string().max(200))
    .min(1, "Send at least one secret.")
    .max(100, "Send at most 100 secrets per call.")
    .meta({ description: "Secrets found in public, e.g. in a commit or a paste." }),
  source: singleLine("Say where the secrets were found.", 200, "Use at most 200 characters for the source.").meta({
    description: "Who found them, and where.",
    examples: ["GitHub secret scanning"],
  }),
});

// The portal's key dialogs: an expiry choice instead of a date (lib/actions/*-api-key.ts).
export const createApiKeyFormSchema = z.strictObject({
  name: keyNameSchema,
  roleId: roleIdSchema,
  expiry: expiryChoiceSchema.default("never"),
  ipAllowlist: ipAllowlistSchema.default([]),
  description: descriptionSchema.default(""),
  tags: tagLinesSchema.default({}),
  bindToFirstAddress: z.boolean().default(false),
  ...keyLimitsInput,
});

export const updateApiKeyFormSchema = z.strictObject({
  keyId: keyIdSchema,
  name: keyNameSchema,
  roleId: roleIdSchema,
  expiry: expiryChoiceSchema.default("keep"),
  ipAllowlist: ipAllowlistSchema.optional(),
  description: descriptionSchema.optional(),
  tags: tagLinesSchema.optional(),
  bindToFirstAddress: z.boolean().optional(),
  ...keyLimitsInput,
});

export const keyIdInputSchema = z.strictObject({ keyId: keyIdSchema });
export const setApiKeyEnabledSchema = z.strictObject({ keyId: keyIdSchema, enabled: z.boolean() });

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
export type UpdateApiKeyInput = z.infer<typeof updateApiKeySchema>;
export type ListApiKeysQuery = z.infer<typeof listApiKeysSchema>;

// A key's outside view (./api-key-view.ts): what the API returns and the portal shows.
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
  bindToFirstAddress: z.boolean().meta({
    description: "Waiting for its first request, whose address (IPv4 /32, IPv6 /64) becomes ipAllowlist.",
  }),
  description: z.string().meta({ description: 'Notes for people; "" for none.' }),
  tags: z.record(z.string(), z.string()).meta({ description: "Tags, key to value.", examples: [{ env: "prod" }] }),
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

// GET /api/v1/whoami: the calling key, its account, role and permissions.
export const whoamiSchema = z.object({
  keyId: z.string(),
  name: z.string(),
  account: z.object({ id: z.uuid(), name: z.string() }),
  role: z.object({ id: z.uuid(), name: z.string() }),
  description: z.string().meta({ description: "The key's notes for people." }),
  tags: z.record(z.string(), z.string()).meta({ description: "The key's tags, key to value." }),
  permissions: z.record(z.string(), z.enum(LEVELS)),
  quota: z
    .object({
      limit: z.number().int(),
      period: z.enum(["day", "month"]),
      remaining: z.number().int(),
      resetsAt: z.string().meta({ format: "date-time" }),
    })
    .nullable()
    .meta({ description: "The key's quota and what is left of it after this request; null: no quota." }),
});

// POST /api/v1/leaked-keys: the same answer whether anything matched.
export const leakReportResultSchema = z.object({ received: z.number().int(), message: z.string() });

// GET /.well-known/api-key-format, built from the format itself (lib/api-keys/format.ts).
export function keyFormatSchema<Prefix extends string>(format: { prefix: Prefix; pattern: string }) {
  return z.object({
    prefix: z.literal(format.prefix),
    alphabet: z.string(),
    randomLength: z.number().int(),
    checksumLength: z.number().int(),
    length: z.number().int(),
    pattern: z.string().meta({ examples: [format.pattern] }),
    checksum: z.string(),
    reportTo: z.string().meta({ description: "Where to POST what you found." }),
  });
}
