import { z } from "zod";

// A key's own limits as the API and the dialogs send them; null (or absent on create)
// means none. Whole numbers from 1 up.
const count = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a whole number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(1, { error: `${what} must be at least 1 (leave it empty for no limit).` })
    .max(max, { error: `${what} can be at most ${max.toLocaleString("en-US")}.` });

export const rateLimitSchema = z
  .strictObject({
    perSecond: count("Requests per second", 100_000).nullable().default(null),
    perMinute: count("Requests per minute", 6_000_000).nullable().default(null),
  })
  .nullable()
  .meta({ description: "Requests per second and/or per minute (sliding windows); null: no limit." });

export const quotaSchema = z
  .strictObject({
    limit: count("The quota", 1_000_000_000),
    period: z.enum(["day", "month"], { error: "Choose day or month for the quota." }),
  })
  .nullable()
  .meta({ description: "Requests per UTC day or month, refilled when the period starts; null: no quota." });

export const keyLimitsInput = { rateLimit: rateLimitSchema.optional(), quota: quotaSchema.optional() };

export type KeyLimitsInput = { rateLimit?: z.infer<typeof rateLimitSchema>; quota?: z.infer<typeof quotaSchema> };

// The columns a write sets; a field not sent is left as it is.
export function keyLimitColumns(input: KeyLimitsInput) {
  return {
    ...(input.rateLimit !== undefined
      ? {
          rateLimitPerSecond: input.rateLimit?.perSecond ?? null,
          rateLimitPerMinute: input.rateLimit?.perMinute ?? null,
        }
      : {}),
    ...(input.quota !== undefined
      ? { quotaLimit: input.quota?.limit ?? null, quotaPeriod: input.quota?.period ?? null }
      : {}),
  };
}
