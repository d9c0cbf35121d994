"use server";

import { revalidatePath } from "next/cache";
import { rollApiKey } from "@/lib/api-keys/roll";
import { keyIdSchema, rollApiKeySchema } from "@/lib/validations/api-key";
import { isPowerfulKey } from "./dangerous";
import { memberAction } from "./safe-action";

// Returns the new secret once; only its hash is stored.
export const rollApiKeyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  rollApiKeySchema.extend({ keyId: keyIdSchema }),
  async ({ keyId, gracePeriod }, { actor }) => {
    const { key, secret } = await rollApiKey(actor, keyId, gracePeriod);
    revalidatePath("/api-keys", "layout");
    return { key: { keyId: key.keyId, name: key.name }, secret };
  },
  { stepUp: ({ keyId }, { actor }) => isPowerfulKey(actor.accountId, keyId) },
);
