"use server";

import { revalidatePath } from "next/cache";
import { setKeyPolicy } from "@/lib/api-keys/policy";
import { keyPolicySchema } from "@/lib/validations/api-key";
import { memberAction } from "./safe-action";

export const setKeyPolicyAction = memberAction(
  { area: "api_keys", level: "FULL" },
  keyPolicySchema,
  async (input, { actor }) => {
    const policy = await setKeyPolicy(actor, input);
    revalidatePath("/api-keys", "layout");
    return { policy };
  },
);
