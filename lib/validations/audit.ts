import { z } from "zod";
import { dateInput, dateTimeInput, isoDate, pageQuerySchema } from "./common";
import { searchText } from "./text";

// What the audit log records changes to, and the filters the page, the CSV export and
// GET /api/v1/audit-log share.
export const TARGET_TYPES = ["api_key", "role", "member", "user", "group", "network", "voucher", "account"] as const;

const day = dateInput();
const dateOrTime = z.union([dateTimeInput(), day], {
  error: "Use a date (2026-11-27) or an ISO 8601 date-time.",
});

export const auditFiltersSchema = z.object({
  actor: searchText(200).optional().meta({ description: "A member id or Key ID, or part of an email or key name" }),
  action: searchText().optional().meta({ description: "e.g. api_key.delete" }),
  targetType: z.enum(TARGET_TYPES).optional(),
  targetId: searchText().optional(),
  from: dateOrTime.optional().meta({ description: "From this date or time (inclusive)" }),
  to: dateOrTime.optional().meta({ description: "Up to this date (the whole day) or time" }),
});

export const auditQuerySchema = pageQuerySchema.extend({
  ...auditFiltersSchema.shape,
  dir: z.enum(["asc", "desc"]).default("desc").meta({ description: "By time: desc, newest first; asc, oldest first." }),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const auditEventSchema = z.object({
  id: z.uuid(),
  createdAt: isoDate,
  actor: z.object({
    type: z.enum(["member", "api_key", "anonymous"]),
    id: z.string().nullable(),
    name: z.string(),
  }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  clientAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEventJson = z.infer<typeof auditEventSchema>;
