import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { listAuditEvents } from "@/lib/audit-log";
import { pageQuerySchema } from "@/lib/validations/common";

// GET /api/v1/audit-log – the account's audit events, newest first
export const GET = apiRoute("audit_log", async ({ request, actor }) => {
  const page = pageQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return json({ ...(await listAuditEvents(actor.accountId, page)), page: page.page, pageSize: page.pageSize });
});

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
