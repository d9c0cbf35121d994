"use server";

import { revalidatePath } from "next/cache";
import { updateApiKey } from "@/lib/api-keys/manage";
import { setApiKeyEnabledSchema } from "@/lib/validations/api-key";
import { memberAction } from "./safe-action";

// Disables or enables a key (api_key.disable / api_key.enable).
export const setApiKeyEnabledAction = memberAction(
  { area: "api_keys", level: "FULL" },
  setApiKeyEnabledSchema,
  async ({ keyId, enabled }, { actor }) => {
    const key = await updateApiKey(actor, keyId, { enabled });
    revalidatePath("/api-keys", "layout");
    return { key: { keyId: key.keyId, name: key.name, enabled: key.enabled } };
  },
);
