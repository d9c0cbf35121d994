import type { NextRequest } from "next/server";
import { csvStream } from "@/lib/audit/csv";
import { allAuditEvents } from "@/lib/audit/list";
import { auditFiltersSchema } from "@/lib/validations/audit";
import { getCurrentMember } from "@/lib/auth/current-member";
import { allows } from "@/lib/permissions";

// GET /audit-log/export – the filtered events as CSV, streamed batch by batch, for a
// signed-in member with Audit Log: Read.
export async function GET(request: NextRequest): Promise<Response> {
  const member = await getCurrentMember();
  if (!member) return new Response("Sign in first.", { status: 401, headers: { "Cache-Control": "no-store" } });
  if (!allows(member.permissions, "audit_log", "READ")) {
    return new Response("Your role has No Access to the Audit Log.", {
      status: 403,
      headers: { "Cache-Control": "no-store" },
    });
  }
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success)
    return new Response("Invalid filters.", { status: 400, headers: { "Cache-Control": "no-store" } });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csvStream(allAuditEvents(member.accountId, parsed.data)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
