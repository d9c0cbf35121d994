import { readJson } from "@/lib/api/body";
import { parseId } from "@/lib/api/crud";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { resendDeliverySchema } from "@/lib/validations/webhook";
import { resendEvent } from "@/lib/webhooks/deliveries";

// POST /api/v1/webhooks/:id/resend – send an event of the delivery log again, with the same id
export const POST = apiRoute<{ id: string }>("webhooks", async ({ request, actor, params }) => {
  const id = parseId({ singular: "webhook endpoint" }, params.id);
  const { eventId } = await readJson(request, resendDeliverySchema);
  return json(await resendEvent(actor, id, eventId), 202);
});

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
