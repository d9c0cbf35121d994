import type { NextRequest } from "next/server";
import type { Actor } from "@/lib/actor";
import type { AppError } from "@/lib/errors";
import { noticeQuotaIfDue } from "@/lib/notices/quota";
import { admitKeyRequest } from "@/lib/rate-limit/admit-key";
import { currentRequest } from "@/lib/http/request-context";
import { countRequest } from "@/lib/usage/counter";
import { logRequest } from "@/lib/usage/request-log";
import { operationOf } from "./operation";

export type Meter = { refusal: AppError | null; finish: (response: Response) => void };

// The one hook on the authenticated request path: the key's own limits before the
// handler (a key without any skips the limiter), and after it the RateLimit headers and
// one count in memory by operation and outcome, refusals included, and one entry of the
// key's request log (also in memory until the next flush). A quota at 80% or 100%
// is noticed (lib/notices/quota.ts: one comparison below that; the mail off this path).
export async function meterKeyRequest(actor: Actor, request: NextRequest, startedAt: number): Promise<Meter> {
  const admission = actor.limits ? await admitKeyRequest(actor.rowId, actor.limits) : null;
  if (admission?.quota) noticeQuotaIfDue(actor, admission.quota);
  const meta = currentRequest();
  return {
    refusal: admission?.refusal ?? null,
    finish(response) {
      if (admission) for (const [name, value] of Object.entries(admission.headers)) response.headers.set(name, value);
      const use = {
        apiKeyId: actor.rowId,
        accountId: actor.accountId,
        operation: operationOf(request.method, request.nextUrl.pathname),
        status: response.status,
        latencyMs: performance.now() - startedAt,
      };
      countRequest(use);
      logRequest({
        ...use,
        clientAddress: meta?.clientAddress ?? null,
        userAgent: meta?.userAgent ?? null,
        requestId: meta?.requestId ?? "",
      });
    },
  };
}
