"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { roles } from "@/lib/roles/roles";
import { memberAction } from "./safe-action";

export const deleteRoleAction = memberAction(
  { area: "roles", level: "FULL" },
  z.strictObject({ id: z.uuid() }),
  async ({ id }, { actor }) => {
    await roles.remove(actor, id);
    revalidatePath("/roles");
    return {};
  },
);
