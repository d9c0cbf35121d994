import { parseId } from "@/lib/api/crud";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { rollWebhookSecret } from "@/lib/webhooks/endpoints";

// POST /api/v1/webhooks/:id/roll-secret – a new signing secret (in this response only); the old one signs 24 h more
export const POST = apiRoute<{ id: string }>("webhooks", async ({ actor, params }) =>
  json(await rollWebhookSecret(actor, parseId({ singular: "webhook endpoint" }, params.id))),
);

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
