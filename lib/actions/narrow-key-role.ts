"use server";

import { revalidatePath } from "next/cache";
import { narrowKeyRole, needsLessOf } from "@/lib/api-keys/needs-less";
import { keyIdInputSchema } from "@/lib/validations/api-key";
import { isPowerfulPermissions } from "./dangerous";
import { memberAction } from "./safe-action";

// "This key needs less": moves the key to the narrowest role covering its last 30 days of
// usage (an existing equal role, or one created now, which needs Full Access to Roles).
// The proposal is worked out again here, never taken from the browser. A proposal that is
// still dangerous (Full Access to keys, roles or the team) asks for a fresh proof first.
export const narrowKeyRoleAction = memberAction(
  { area: "api_keys", level: "FULL" },
  keyIdInputSchema,
  async ({ keyId }, { actor }) => {
    const result = await narrowKeyRole(actor, keyId);
    revalidatePath("/api-keys", "layout");
    revalidatePath("/roles");
    return result;
  },
  {
    stepUp: async ({ keyId }, { actor }) => isPowerfulPermissions((await needsLessOf(actor.accountId, keyId)).used),
  },
);
