import { z } from "zod";
import { isoDate } from "@/lib/validations/common";
import { GRANULARITIES } from "@/lib/validations/usage";
import { OUTCOMES } from "./outcome";

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
