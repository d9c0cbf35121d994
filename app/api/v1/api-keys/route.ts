import { readJson } from "@/lib/api/body";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { createApiKey, listApiKeys } from "@/lib/api-keys/manage";
import { createApiKeySchema, listApiKeysSchema } from "@/lib/validations/api-key";

// GET /api/v1/api-keys – list the account's keys, a page at a time
export const GET = apiRoute("api_keys", async ({ request, actor }) => {
  const query = listApiKeysSchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return json(await listApiKeys(actor.accountId, query));
});

// POST /api/v1/api-keys – create a key; the response is the only time its secret is shown
export const POST = apiRoute("api_keys", async ({ request, actor }) => {
  const input = await readJson(request, createApiKeySchema);
  const { key, secret } = await createApiKey(actor, input);
  return json({ ...key, secret }, 201);
});

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
