import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { keyRowIdOf } from "@/lib/usage/query";
import { listKeyRequests } from "@/lib/usage/request-log-list";
import { keyIdSchema } from "@/lib/validations/api-key";
import { requestLogQuerySchema } from "@/lib/validations/request-log";

type Params = { keyId: string };

// GET /api/v1/api-keys/:keyId/requests – the key's request log, newest first (7 days, its newest REQUEST_LOG_PER_KEY)
export const GET = apiRoute<Params>("api_keys", async ({ request, actor, params }) => {
  const keyId = keyIdSchema.safeParse(params.keyId);
  if (!keyId.success) throw new AppError("not_found", "No API key with this Key ID.");
  const { page, pageSize, after, ...filters } = requestLogQuerySchema.parse(
    Object.fromEntries(request.nextUrl.searchParams),
  );
  const keyRowId = await keyRowIdOf(actor.accountId, keyId.data);
  return json(await listKeyRequests(actor.accountId, keyRowId, filters, { page, pageSize, after }));
});

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
