import type { NextRequest } from "next/server";
import { getCurrentMember } from "@/lib/auth/current-member";
import { csvStreamOf } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { allows } from "@/lib/permissions";
import { keyRowIdOf } from "@/lib/usage/query";
import { REQUEST_LOG_CSV_HEADER, requestLogCsvRow } from "@/lib/usage/request-log-csv";
import { allKeyRequests } from "@/lib/usage/request-log-list";
import { keyIdSchema } from "@/lib/validations/api-key";
import { requestLogFiltersSchema } from "@/lib/validations/request-log";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" } });

// GET /api-keys/:keyId/requests/export – the key's filtered request log as CSV, streamed
// batch by batch, for a signed-in member with API Keys: Read.
export async function GET(request: NextRequest, { params }: { params: Promise<{ keyId: string }> }) {
  const member = await getCurrentMember();
  if (!member) return text("Sign in first.", 401);
  if (!allows(member.permissions, "api_keys", "READ")) return text("Your role has No Access to API Keys.", 403);
  const keyId = keyIdSchema.safeParse((await params).keyId);
  const filters = requestLogFiltersSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!filters.success) return text("Invalid filters.", 400);
  let keyRowId: string;
  try {
    if (!keyId.success) throw new AppError("not_found", "No API key with this Key ID.");
    keyRowId = await keyRowIdOf(member.accountId, keyId.data);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return text("No API key with this Key ID.", 404);
    throw error;
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(
    csvStreamOf(REQUEST_LOG_CSV_HEADER, requestLogCsvRow, allKeyRequests(member.accountId, keyRowId, filters.data)),
    {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="requests-${keyId.data}-${stamp}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    },
  );
}
