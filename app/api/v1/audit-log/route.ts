import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { listAuditEvents } from "@/lib/audit/list";
import { auditQuerySchema } from "@/lib/validations/audit";

// GET /api/v1/audit-log – the account's audit events, newest first (or oldest), with filters
export const GET = apiRoute("audit_log", async ({ request, actor }) => {
  const { page, pageSize, after, dir, ...filters } = auditQuerySchema.parse(
    Object.fromEntries(request.nextUrl.searchParams),
  );
  return json(await listAuditEvents(actor.accountId, filters, { page, pageSize, after, dir }));
});

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
