"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateApiKey } from "@/lib/api-keys/manage";
import { expiresAtOf } from "@/lib/api-keys/policy";
import {
  expiryChoiceSchema,
  ipAllowlistSchema,
  keyIdSchema,
  keyNameSchema,
  roleIdSchema,
} from "@/lib/validations/api-key";
import { keyLimitsInput } from "@/lib/validations/key-limits";
import { memberAction } from "./safe-action";

const schema = z.strictObject({
  keyId: keyIdSchema,
  name: keyNameSchema,
  roleId: roleIdSchema,
  expiry: expiryChoiceSchema.default("keep"),
  ipAllowlist: ipAllowlistSchema.optional(),
  ...keyLimitsInput,
});

export const updateApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  schema,
  async (input, { actor }) => {
    const key = await updateApiKey(actor, input.keyId, {
      name: input.name,
      roleId: input.roleId,
      expiresAt: expiresAtOf(input.expiry),
      ipAllowlist: input.ipAllowlist,
      rateLimit: input.rateLimit,
      quota: input.quota,
    });
    revalidatePath("/api-keys", "layout");
    return { key: { keyId: key.keyId, name: key.name } };
  },
);
