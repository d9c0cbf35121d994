"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey } from "@/lib/api-keys/manage";
import { expiresAtOf } from "@/lib/api-keys/policy";
import { expiryChoiceSchema, ipAllowlistSchema, keyNameSchema, roleIdSchema } from "@/lib/validations/api-key";
import { keyLimitsInput } from "@/lib/validations/key-limits";
import { memberAction } from "./safe-action";

const schema = z.strictObject({
  name: keyNameSchema,
  roleId: roleIdSchema,
  expiry: expiryChoiceSchema.default("never"),
  ipAllowlist: ipAllowlistSchema.default([]),
  ...keyLimitsInput,
});

export const createApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  schema,
  async (input, { actor }) => {
    const { key, secret } = await createApiKey(actor, {
      name: input.name,
      roleId: input.roleId,
      expiresAt: expiresAtOf(input.expiry) ?? null,
      ipAllowlist: input.ipAllowlist,
      rateLimit: input.rateLimit,
      quota: input.quota,
    });
    revalidatePath("/api-keys", "layout");
    return { key: { keyId: key.keyId, name: key.name }, secret };
  },
);
