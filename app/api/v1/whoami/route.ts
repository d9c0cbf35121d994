import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { now } from "@/lib/clock";
import { quotaState } from "@/lib/rate-limit/quota";

// GET /api/v1/whoami – the calling key, its account, role, notes, scope, permissions and quota
export const GET = apiRoute(null, async ({ actor }) => {
  const quota = actor.limits?.quota ? await quotaState(actor.rowId, actor.limits.quota, now()) : null;
  return json({
    keyId: actor.id,
    name: actor.name,
    account: { id: actor.accountId, name: actor.accountName },
    role: actor.role,
    description: actor.notes?.description ?? "",
    tags: actor.notes?.tags ?? {},
    scope: actor.scope ?? null,
    permissions: actor.permissions,
    quota: quota && {
      limit: quota.limit,
      period: quota.period,
      remaining: quota.remaining,
      resetsAt: quota.resetsAt.toISOString(),
    },
  });
});

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
