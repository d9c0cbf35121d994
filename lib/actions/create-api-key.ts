"use server";

import { revalidatePath } from "next/cache";
import { createApiKey } from "@/lib/api-keys/manage";
import { createApiKeySchema } from "@/lib/validations/api-key";
import { memberAction } from "./safe-action";

export const createApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  createApiKeySchema,
  async (input, { actor }) => {
    const { key, secret } = await createApiKey(actor, input);
    revalidatePath("/api-keys");
    return { key: { keyId: key.keyId, name: key.name }, secret };
  },
);
