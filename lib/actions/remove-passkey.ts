"use server";

import { revalidatePath } from "next/cache";
import { removePasskey } from "@/lib/auth/passkeys";
import { removePasskeySchema } from "@/lib/validations/two-factor";
import { sessionAction } from "./safe-action";

export const removePasskeyAction = sessionAction(
  removePasskeySchema,
  async (input, { session }) => {
    await removePasskey(session, input.id);
    revalidatePath("/account");
    return {};
  },
  { stepUp: true },
);
