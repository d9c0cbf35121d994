"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { setTwoFactorPolicy } from "@/lib/auth/two-factor-policy";
import { twoFactorPolicySchema } from "@/lib/validations/two-factor";
import { memberAction } from "./safe-action";

// "Require two-factor": an account policy, set by Owners, with a fresh proof.
export const setTwoFactorPolicyAction = memberAction(
  { area: "team", level: "FULL" },
  twoFactorPolicySchema,
  async ({ requireTwoFactor }, { actor, session }) => {
    if (requireTwoFactor && !session.twoFactor) {
      throw new AppError("conflict", "Set up two-factor for your own login first (on your account page).");
    }
    const policy = await setTwoFactorPolicy(actor, session.owner, requireTwoFactor);
    revalidatePath("/team");
    return { policy };
  },
  { stepUp: true },
);
