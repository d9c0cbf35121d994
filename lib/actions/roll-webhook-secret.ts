"use server";

import { revalidatePath } from "next/cache";
import { idInputSchema } from "@/lib/validations/common";
import { rollWebhookSecret } from "@/lib/webhooks/endpoints";
import { memberAction } from "./safe-action";

// A new signing secret, in this answer only; the old one signs for 24 hours more.
export const rollWebhookSecretAction = memberAction(
  { area: "webhooks", level: "FULL" },
  idInputSchema,
  async ({ id }, { actor }) => {
    const { webhook, secret } = await rollWebhookSecret(actor, id);
    revalidatePath("/webhooks", "layout");
    return { webhook: { id: webhook.id, url: webhook.url }, secret };
  },
);
