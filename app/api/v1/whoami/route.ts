import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";

// GET /api/v1/whoami – the calling key, its account, role and permissions
export const GET = apiRoute(null, async ({ actor }) =>
  json({
    keyId: actor.id,
    name: actor.name,
    account: { id: actor.accountId, name: actor.accountName },
    role: actor.role,
    permissions: actor.permissions,
  }),
);

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
