import { z } from "zod";
import { dateTimeInput, isoDate } from "./common";

export const GRANULARITIES = ["minute", "hour", "day"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

// The outcome classes usage is counted by: 401, 403 and 429 apart from other 4xx.
export const OUTCOMES = ["2xx", "4xx", "401", "403", "429", "5xx"] as const;
export type Outcome = (typeof OUTCOMES)[number];

// GET …/usage?from=&to=&granularity=: both ends optional (the last 24 h by minute, 30
// days by hour or 12 months by day, up to now).
export const usageQuerySchema = z
  .object({
    granularity: z.enum(GRANULARITIES, { error: "Use minute, hour or day for granularity." }).default("hour"),
    from: dateTimeInput().optional().meta({ description: "Start (inclusive), ISO 8601; rounded down to a bucket." }),
    to: dateTimeInput().optional().meta({ description: "End (exclusive), ISO 8601; default now." }),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    error: "from must be before to.",
    path: ["from"],
  });

export type UsageQuery = z.infer<typeof usageQuerySchema>;

// The portal's views of usage (lib/usage/presets.ts says what each one reads).
export const USAGE_PERIODS = ["1h", "24h", "30d", "12m"] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

// GET /api-keys/usage?period=: the keys page's panel, read by the browser after the page.
export const usagePeriodQuerySchema = z.object({
  period: z.enum(USAGE_PERIODS, { error: "Use 1h, 24h, 30d or 12m for period." }).default("24h"),
});

// What the usage endpoints return and the charts draw: requests per bucket by outcome
// class, the busiest operations, and the error rate (every outcome but 2xx).
const byOutcomeSchema = z
  .object(
    Object.fromEntries(OUTCOMES.map((outcome) => [outcome, z.number().int()])) as Record<
      (typeof OUTCOMES)[number],
      z.ZodNumber
    >,
  )
  .meta({ description: "Requests by outcome class: 2xx, 4xx (other than 401, 403, 429), 401, 403, 429, 5xx." });

const averageLatencyMs = z.number().nullable().meta({ description: "Mean handling time; null without requests." });

export const usageSchema = z.object({
  keyId: z.string().nullable().meta({ description: "The key, or null for the whole account." }),
  granularity: z.enum(GRANULARITIES),
  from: isoDate,
  to: isoDate,
  totals: z.object({
    requests: z.number().int(),
    errors: z.number().int(),
    errorRate: z.number().meta({ description: "errors ÷ requests; 0 without requests." }),
    averageLatencyMs,
    byOutcome: byOutcomeSchema,
  }),
  series: z.array(
    z.object({
      start: isoDate,
      requests: z.number().int(),
      errors: z.number().int(),
      averageLatencyMs,
      byOutcome: byOutcomeSchema,
    }),
  ),
  topRoutes: z.array(
    z.object({
      operation: z.string().meta({ description: "The OpenAPI operationId." }),
      requests: z.number().int(),
      errors: z.number().int(),
      errorRate: z.number(),
      averageLatencyMs,
    }),
  ),
});

export type Usage = z.infer<typeof usageSchema>;
export type UsageBucket = Usage["series"][number];
