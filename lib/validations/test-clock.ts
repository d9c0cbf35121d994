import { z } from "zod";

// POST /api/test/clock (tests only): the offset in milliseconds or in seconds.
export const testClockSchema = z
  .strictObject({
    offsetMs: z.number().int().optional(),
    offsetSeconds: z
      .number()
      .min(0)
      .max(10 * 365 * 86_400)
      .optional(),
  })
  .refine((body) => (body.offsetMs === undefined) !== (body.offsetSeconds === undefined), {
    message: "Send either offsetMs or offsetSeconds.",
  });
