import { z } from "zod";
import { isoDate, pageQuerySchema, searchParam } from "./common";

// A key's request log: the filters the key page, its CSV export and
// GET /api/v1/api-keys/{keyId}/requests share.
export const REQUEST_STATUS_FILTERS = ["2xx", "3xx", "4xx", "5xx"] as const;

export const requestLogFiltersSchema = z.object({
  q: searchParam("Part of the operation, client address, user agent or request id"),
  status: z
    .union([z.enum(REQUEST_STATUS_FILTERS), z.coerce.number().int().min(100).max(599)], {
      error: "Use a status code (e.g. 404) or a class: 2xx, 3xx, 4xx or 5xx.",
    })
    .optional()
    .meta({ description: "A status code (e.g. 404) or a class (2xx, 3xx, 4xx, 5xx)" }),
});
export type RequestLogFilters = z.infer<typeof requestLogFiltersSchema>;

export const requestLogQuerySchema = pageQuerySchema.extend(requestLogFiltersSchema.shape);

export const apiKeyRequestSchema = z.object({
  id: z.uuid(),
  createdAt: isoDate,
  operation: z.string().meta({ description: 'The OpenAPI operationId, e.g. "getWhoami" ("other": no known route)' }),
  status: z.number().int(),
  clientAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  latencyMs: z.number(),
  requestId: z.string(),
});
export type ApiKeyRequestJson = z.infer<typeof apiKeyRequestSchema>;
