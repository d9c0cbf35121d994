"use server";

import { revalidatePath } from "next/cache";
import { setKeyPolicy } from "@/lib/api-keys/policy";
import { keyPolicyPatchSchema } from "@/lib/validations/api-key";
import { memberAction } from "./safe-action";

// An account-wide policy (it binds Owners' new keys too): the team's managers set it, not
// whoever may manage keys.
export const setKeyPolicyAction = memberAction(
  { area: "team", level: "FULL" },
  keyPolicyPatchSchema,
  async (input, { actor }) => {
    const policy = await setKeyPolicy(actor, input);
    revalidatePath("/api-keys", "layout");
    return { policy };
  },
  { stepUp: true },
);
