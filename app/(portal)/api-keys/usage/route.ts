import type { NextRequest } from "next/server";
import { errorResponse, json } from "@/lib/api/responses";
import { getCurrentMember } from "@/lib/auth/current-member";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { allows } from "@/lib/permissions";
import { usageQueryOf } from "@/lib/usage/presets";
import { usageOfAccount } from "@/lib/usage/read";
import { usageViewOf } from "@/lib/usage/view";
import { usagePeriodQuerySchema } from "@/lib/validations/usage";

// GET /api-keys/usage?period=24h – every key of the account together, sized to the keys
// page's charts, which the browser reads after the page (components/usage/account-usage.tsx);
// for a signed-in member with API Keys: Read. The account is the session's: no parameter names one.
export async function GET(request: NextRequest): Promise<Response> {
  try {
    const member = await getCurrentMember();
    if (!member) throw new AppError("unauthorized", "Sign in first.");
    if (!allows(member.permissions, "api_keys", "READ"))
      throw new AppError("forbidden", "Your role has No Access to API Keys.");
    const { period } = usagePeriodQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
    const usage = await usageOfAccount(member.accountId, usageQueryOf(period, now()));
    return json({ period, ...usageViewOf(usage) });
  } catch (error) {
    const response = errorResponse(error);
    // A session is what's missing, not a key: no Bearer challenge.
    response.headers.delete("WWW-Authenticate");
    return response;
  }
}
