import { readJson } from "@/lib/api/body";
import { json, noContent, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { parseKeyId } from "@/lib/api-keys/key-id";
import { deleteApiKey, getApiKey, updateApiKey } from "@/lib/api-keys/manage";
import { updateApiKeySchema } from "@/lib/validations/api-key";

type Params = { keyId: string };

// GET /api/v1/api-keys/:keyId – one key, with its roll history
export const GET = apiRoute<Params>("api_keys", async ({ actor, params }) =>
  json(await getApiKey(actor.accountId, parseKeyId(params.keyId))),
);

// PATCH /api/v1/api-keys/:keyId – rename, change role, expiry, allowlist, or disable/enable
export const PATCH = apiRoute<Params>("api_keys", async ({ request, actor, params }) => {
  const keyId = parseKeyId(params.keyId);
  const input = await readJson(request, updateApiKeySchema);
  return json(await updateApiKey(actor, keyId, input));
});

// DELETE /api/v1/api-keys/:keyId – delete a key; it is refused from the very next request
export const DELETE = apiRoute<Params>("api_keys", async ({ actor, params }) => {
  await deleteApiKey(actor, parseKeyId(params.keyId));
  return noContent();
});

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
