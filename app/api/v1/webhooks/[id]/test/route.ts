import { parseId } from "@/lib/api/crud";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { sendTestEvent } from "@/lib/webhooks/deliveries";

// POST /api/v1/webhooks/:id/test – queue a webhook.test event for this endpoint
export const POST = apiRoute<{ id: string }>("webhooks", async ({ actor, params }) =>
  json(await sendTestEvent(actor, parseId({ singular: "webhook endpoint" }, params.id)), 202),
);

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
