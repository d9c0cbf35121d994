"use server";

import { revalidatePath } from "next/cache";
import { createApiKey } from "@/lib/api-keys/manage";
import { expiresAtOf } from "@/lib/api-keys/policy";
import { createApiKeyFormSchema } from "@/lib/validations/api-key";
import { isPowerfulRole } from "./dangerous";
import { memberAction } from "./safe-action";

export const createApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  createApiKeyFormSchema,
  async (input, { actor }) => {
    const { key, secret } = await createApiKey(actor, {
      name: input.name,
      roleId: input.roleId,
      expiresAt: expiresAtOf(input.expiry) ?? null,
      ipAllowlist: input.ipAllowlist,
      description: input.description,
      tags: input.tags,
      bindToFirstAddress: input.bindToFirstAddress,
      scope: input.scope,
      rateLimit: input.rateLimit,
      quota: input.quota,
    });
    revalidatePath("/api-keys", "layout");
    return { key: { keyId: key.keyId, name: key.name }, secret };
  },
  { stepUp: (input, { actor }) => isPowerfulRole(actor.accountId, input.roleId) },
);
