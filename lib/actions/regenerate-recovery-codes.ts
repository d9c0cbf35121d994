"use server";

import { revalidatePath } from "next/cache";
import { regenerateRecoveryCodes } from "@/lib/auth/two-factor";
import { emptySchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

export const regenerateRecoveryCodesAction = sessionAction(
  emptySchema,
  async (_input, { session }) => {
    const result = await regenerateRecoveryCodes(session);
    revalidatePath("/account");
    return result;
  },
  { stepUp: true },
);
