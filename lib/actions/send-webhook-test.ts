"use server";

import { revalidatePath } from "next/cache";
import { idInputSchema } from "@/lib/validations/common";
import { sendTestEvent } from "@/lib/webhooks/deliveries";
import { memberAction } from "./safe-action";

export const sendWebhookTestAction = memberAction(
  { area: "webhooks", level: "FULL" },
  idInputSchema,
  async ({ id }, { actor }) => {
    const { eventId } = await sendTestEvent(actor, id);
    revalidatePath(`/webhooks/${id}`);
    return { eventId };
  },
);
