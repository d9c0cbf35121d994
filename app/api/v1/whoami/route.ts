import { apiRoute } from "@/lib/api/route";
import { json, otherMethods } from "@/lib/api/responses";

// GET /api/v1/whoami – the calling key, its account, role and permissions
export const GET = apiRoute(null, async ({ key }) =>
  json({
    keyId: key.keyId,
    name: key.name,
    account: key.account,
    role: key.role,
    permissions: key.permissions,
  }),
);

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
