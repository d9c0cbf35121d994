"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateApiKey } from "@/lib/api-keys/manage";
import { keyIdSchema, keyNameSchema, roleIdSchema } from "@/lib/validations/api-key";
import { keyLimitsInput } from "@/lib/validations/key-limits";
import { memberAction } from "./safe-action";

const schema = z.strictObject({ keyId: keyIdSchema, name: keyNameSchema, roleId: roleIdSchema, ...keyLimitsInput });

export const updateApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  schema,
  async (input, { actor }) => {
    const { keyId, ...changes } = input;
    const key = await updateApiKey(actor, keyId, changes);
    revalidatePath("/api-keys");
    return { key: { keyId: key.keyId, name: key.name } };
  },
);
