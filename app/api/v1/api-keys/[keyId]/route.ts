import { readJson } from "@/lib/api/body";
import { json, noContent, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { deleteApiKey, getApiKey, updateApiKey } from "@/lib/api-keys/manage";
import { AppError } from "@/lib/errors";
import { keyIdSchema, updateApiKeySchema } from "@/lib/validations/api-key";

type Params = { keyId: string };

function parseKeyId(params: Params): string {
  const parsed = keyIdSchema.safeParse(params.keyId);
  if (!parsed.success) throw new AppError("not_found", "No API key with this Key ID.");
  return parsed.data;
}

// GET /api/v1/api-keys/:keyId – one key
export const GET = apiRoute<Params>("api_keys", async ({ actor, params }) =>
  json(await getApiKey(actor.accountId, parseKeyId(params))),
);

// PATCH /api/v1/api-keys/:keyId – rename a key or change its role
export const PATCH = apiRoute<Params>("api_keys", async ({ request, actor, params }) => {
  const keyId = parseKeyId(params);
  const input = await readJson(request, updateApiKeySchema);
  return json(await updateApiKey(actor, keyId, input));
});

// DELETE /api/v1/api-keys/:keyId – delete a key; it is refused from the very next request
export const DELETE = apiRoute<Params>("api_keys", async ({ actor, params }) => {
  await deleteApiKey(actor, parseKeyId(params));
  return noContent();
});

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
