"use server";

import { revalidatePath } from "next/cache";
import { confirmTotpSetup } from "@/lib/auth/two-factor";
import { totpConfirmSchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

// The first code from the app confirms it; the answer carries the recovery codes, once.
export const confirmTotpSetupAction = sessionAction(
  totpConfirmSchema,
  async ({ code }, { session }) => {
    const result = await confirmTotpSetup(session, code);
    revalidatePath("/account");
    return result;
  },
  { whileTwoFactorMissing: true, stepUp: true },
);
