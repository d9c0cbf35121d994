import { readJson } from "@/lib/api/body";
import { parseId } from "@/lib/api/crud";
import { json, noContent, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { updateWebhookSchema } from "@/lib/validations/webhook";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/endpoints";

const endpoint = { singular: "webhook endpoint" };

// GET /api/v1/webhooks/:id – one endpoint (never its secret)
export const GET = apiRoute<{ id: string }>("webhooks", async ({ actor, params }) =>
  json(await getWebhook(actor.accountId, parseId(endpoint, params.id))),
);

// PATCH /api/v1/webhooks/:id – change URL, events, description, or disable/enable
export const PATCH = apiRoute<{ id: string }>("webhooks", async ({ request, actor, params }) => {
  const id = parseId(endpoint, params.id);
  const input = await readJson(request, updateWebhookSchema);
  return json(await updateWebhook(actor, id, input));
});

// DELETE /api/v1/webhooks/:id – delete an endpoint; nothing more is sent to it
export const DELETE = apiRoute<{ id: string }>("webhooks", async ({ actor, params }) => {
  await deleteWebhook(actor, parseId(endpoint, params.id));
  return noContent();
});

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
