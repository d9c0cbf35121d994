"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteApiKey } from "@/lib/api-keys/manage";
import { keyIdSchema } from "@/lib/validations/api-key";
import { memberAction } from "./safe-action";

export const deleteApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  z.strictObject({ keyId: keyIdSchema }),
  async (input, { actor }) => {
    await deleteApiKey(actor, input.keyId);
    revalidatePath("/api-keys", "layout");
    return {};
  },
);
