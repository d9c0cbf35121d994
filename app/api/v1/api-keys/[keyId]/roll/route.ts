import { otherMethods } from "@/lib/api/responses";
import { readJson } from "@/lib/api/body";
import { json } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { rollApiKey } from "@/lib/api-keys/roll";
import { parseKeyId } from "@/lib/api-keys/key-id";
import { rollApiKeySchema } from "@/lib/validations/api-key";

// POST /api/v1/api-keys/:keyId/roll – a new secret (in this response only); the old one works for the grace period
export const POST = apiRoute<{ keyId: string }>("api_keys", async ({ request, actor, params }) => {
  const keyId = parseKeyId(params.keyId);
  const { gracePeriod } = await readJson(request, rollApiKeySchema);
  const { key, secret } = await rollApiKey(actor, keyId, gracePeriod);
  return json({ ...key, secret });
});

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
