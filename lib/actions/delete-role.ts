"use server";

import { revalidatePath } from "next/cache";
import { roles } from "@/lib/roles/roles";
import { idInputSchema } from "@/lib/validations/common";
import { memberAction } from "./safe-action";

export const deleteRoleAction = memberAction(
  { area: "roles", level: "FULL" },
  idInputSchema,
  async ({ id }, { actor }) => {
    await roles.remove(actor, id);
    revalidatePath("/roles");
    return {};
  },
  { stepUp: true },
);
