"use server";

import { revalidatePath } from "next/cache";
import { removeTotp } from "@/lib/auth/two-factor";
import { emptySchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

export const removeTotpAction = sessionAction(
  emptySchema,
  async (_input, { session }) => {
    await removeTotp(session);
    revalidatePath("/account");
    return {};
  },
  { stepUp: true },
);
