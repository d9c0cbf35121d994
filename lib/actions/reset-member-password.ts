"use server";

import { revalidatePath } from "next/cache";
import { resetMemberPassword } from "@/lib/auth/passwords";
import { idInputSchema } from "@/lib/validations/common";
import { memberAction } from "./safe-action";

// Returns the new one-time password once; only its hash is stored.
export const resetMemberPasswordAction = memberAction(
  { area: "team", level: "FULL" },
  idInputSchema,
  async ({ id }, { actor }) => {
    const { oneTimePassword } = await resetMemberPassword(actor, id);
    revalidatePath("/team");
    return { oneTimePassword };
  },
);
