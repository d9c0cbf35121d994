import type { NextRequest } from "next/server";
import type { Actor } from "@/lib/actor";
import type { AppError } from "@/lib/errors";
import { noticeQuotaIfDue } from "@/lib/notices/quota";
import { admitKeyRequest } from "@/lib/rate-limit/admit-key";
import { countRequest } from "@/lib/usage/counter";
import { operationOf } from "./operation";

export type Meter = { refusal: AppError | null; finish: (response: Response) => void };

// The one hook on the authenticated request path: the key's own limits before the
// handler (a key without any skips the limiter), and after it the RateLimit headers and
// one count in memory by operation and outcome, refusals included. A quota at 80% or 100%
// is noticed (lib/notices/quota.ts: one comparison below that; the mail off this path).
export async function meterKeyRequest(actor: Actor, request: NextRequest, startedAt: number): Promise<Meter> {
  const admission = actor.limits ? await admitKeyRequest(actor.rowId, actor.limits) : null;
  if (admission?.quota) noticeQuotaIfDue(actor, admission.quota);
  return {
    refusal: admission?.refusal ?? null,
    finish(response) {
      if (admission) for (const [name, value] of Object.entries(admission.headers)) response.headers.set(name, value);
      countRequest({
        apiKeyId: actor.rowId,
        accountId: actor.accountId,
        operation: operationOf(request.method, request.nextUrl.pathname),
        status: response.status,
        latencyMs: performance.now() - startedAt,
      });
    },
  };
}
