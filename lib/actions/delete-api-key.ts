"use server";

import { revalidatePath } from "next/cache";
import { deleteApiKey } from "@/lib/api-keys/manage";
import { keyIdInputSchema } from "@/lib/validations/api-key";
import { memberAction } from "./safe-action";

export const deleteApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  keyIdInputSchema,
  async (input, { actor }) => {
    await deleteApiKey(actor, input.keyId);
    revalidatePath("/api-keys", "layout");
    return {};
  },
);
