import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { usageOfKey } from "@/lib/usage/read";
import { keyIdSchema } from "@/lib/validations/api-key";

type Params = { keyId: string };

// GET /api/v1/api-keys/:keyId/usage – the key's requests over time, top routes, error rate
export const GET = apiRoute<Params>("api_keys", async ({ request, actor, params }) => {
  const keyId = keyIdSchema.safeParse(params.keyId);
  if (!keyId.success) throw new AppError("not_found", "No API key with this Key ID.");
  return json(await usageOfKey(actor.accountId, keyId.data, Object.fromEntries(request.nextUrl.searchParams)));
});

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
