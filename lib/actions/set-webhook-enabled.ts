"use server";

import { revalidatePath } from "next/cache";
import { setWebhookEnabledSchema } from "@/lib/validations/webhook";
import { updateWebhook } from "@/lib/webhooks/endpoints";
import { memberAction } from "./safe-action";

// Switches an endpoint on (its failure count starts over) or off.
export const setWebhookEnabledAction = memberAction(
  { area: "webhooks", level: "FULL" },
  setWebhookEnabledSchema,
  async ({ id, enabled }, { actor }) => {
    const webhook = await updateWebhook(actor, id, { enabled });
    revalidatePath("/webhooks", "layout");
    return { webhook: { id: webhook.id, enabled: webhook.enabled } };
  },
);
