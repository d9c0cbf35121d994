"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { roles } from "@/lib/resources/roles";
import { memberAction } from "./safe-action";

export const deleteRoleAction = memberAction(
  { area: "roles", level: "FULL" },
  z.strictObject({ id: z.uuid() }),
  async ({ id }, { actor }) => {
    if (!(await roles.remove(actor, id))) throw new AppError("not_found", "This role no longer exists.");
    revalidatePath("/roles");
    return {};
  },
);
