"use server";

import { revalidatePath } from "next/cache";
import { updateApiKey } from "@/lib/api-keys/manage";
import { expiresAtOf } from "@/lib/api-keys/policy";
import { updateApiKeyFormSchema } from "@/lib/validations/api-key";
import { memberAction } from "./safe-action";

export const updateApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  updateApiKeyFormSchema,
  async (input, { actor }) => {
    const key = await updateApiKey(actor, input.keyId, {
      name: input.name,
      roleId: input.roleId,
      expiresAt: expiresAtOf(input.expiry),
      ipAllowlist: input.ipAllowlist,
      description: input.description,
      tags: input.tags,
      bindToFirstAddress: input.bindToFirstAddress,
      scope: input.scope,
      rateLimit: input.rateLimit,
      quota: input.quota,
    });
    revalidatePath("/api-keys", "layout");
    return { key: { keyId: key.keyId, name: key.name } };
  },
);
