import { parseId } from "@/lib/api/crud";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { webhookDeliveriesQuerySchema } from "@/lib/validations/webhook";
import { listDeliveries } from "@/lib/webhooks/deliveries";

// GET /api/v1/webhooks/:id/deliveries – the endpoint's delivery log, newest first
export const GET = apiRoute<{ id: string }>("webhooks", async ({ request, actor, params }) => {
  const id = parseId({ singular: "webhook endpoint" }, params.id);
  const { pageSize } = webhookDeliveriesQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  return json({ items: await listDeliveries(actor.accountId, id, pageSize) });
});

// Any other method – 405 with Allow
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
