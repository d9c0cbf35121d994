"use server";

import { revalidatePath } from "next/cache";
import { resendWebhookEventSchema } from "@/lib/validations/webhook";
import { resendEvent } from "@/lib/webhooks/deliveries";
import { memberAction } from "./safe-action";

export const resendWebhookEventAction = memberAction(
  { area: "webhooks", level: "FULL" },
  resendWebhookEventSchema,
  async ({ id, eventId }, { actor }) => {
    await resendEvent(actor, id, eventId);
    revalidatePath(`/webhooks/${id}`);
    return { eventId };
  },
);
