import { z } from "zod";
import { dateTimeInput } from "./common";

export const GRANULARITIES = ["minute", "hour", "day"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

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
