import { readJson } from "@/lib/api/body";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { pageQuerySchema } from "@/lib/validations/common";
import { createWebhookSchema } from "@/lib/validations/webhook";
import { createWebhook, listWebhooks } from "@/lib/webhooks/endpoints";

// GET /api/v1/webhooks – list the account's webhook endpoints, oldest first
export const GET = apiRoute("webhooks", async ({ request, actor }) => {
  const query = pageQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return json(await listWebhooks(actor.accountId, query));
});

// POST /api/v1/webhooks – create an endpoint; the response is the only time its signing secret is shown
export const POST = apiRoute("webhooks", async ({ request, actor }) => {
  const input = await readJson(request, createWebhookSchema);
  return json(await createWebhook(actor, input), 201);
});

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
