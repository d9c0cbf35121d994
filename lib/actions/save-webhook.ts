"use server";

import { revalidatePath } from "next/cache";
import { saveWebhookSchema } from "@/lib/validations/webhook";
import { createWebhook, updateWebhook } from "@/lib/webhooks/endpoints";
import { memberAction } from "./safe-action";

// Creates an endpoint (its signing secret in this answer only), or saves one when an id is given.
export const saveWebhookAction = memberAction(
  { area: "webhooks", level: "FULL" },
  saveWebhookSchema,
  async ({ id, ...input }, { actor }) => {
    if (id) {
      const webhook = await updateWebhook(actor, id, input);
      revalidatePath("/webhooks", "layout");
      return { webhook: { id: webhook.id, url: webhook.url }, secret: null };
    }
    const { webhook, secret } = await createWebhook(actor, input);
    revalidatePath("/webhooks", "layout");
    return { webhook: { id: webhook.id, url: webhook.url }, secret };
  },
);
