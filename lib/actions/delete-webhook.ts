"use server";

import { revalidatePath } from "next/cache";
import { idInputSchema } from "@/lib/validations/common";
import { deleteWebhook } from "@/lib/webhooks/endpoints";
import { memberAction } from "./safe-action";

export const deleteWebhookAction = memberAction(
  { area: "webhooks", level: "FULL" },
  idInputSchema,
  async ({ id }, { actor }) => {
    await deleteWebhook(actor, id);
    revalidatePath("/webhooks", "layout");
    return {};
  },
);
