import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors";

// The body of every error response (lib/api/responses.ts).
export const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
