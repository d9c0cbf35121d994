import { otherMethods } from "@/lib/api/responses";
import { readJson } from "@/lib/api/body";
import { json } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { getKeyPolicy, setKeyPolicy } from "@/lib/api-keys/policy";
import { keyPolicyPatchSchema } from "@/lib/validations/api-key";

// GET /api/v1/api-key-policy – the account's key policy (maximum lifetime, unused keys)
export const GET = apiRoute("api_keys", async ({ actor }) => json(await getKeyPolicy(actor.accountId)));

// PATCH /api/v1/api-key-policy – set or remove the maximum key lifetime or the unused-key
// rule (an account-wide policy: Team Full Access, not API Keys)
export const PATCH = apiRoute("team", async ({ request, actor }) => {
  const input = await readJson(request, keyPolicyPatchSchema);
  return json(await setKeyPolicy(actor, input));
});

// Any other method – 405 with Allow
export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
