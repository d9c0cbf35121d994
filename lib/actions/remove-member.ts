"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { team } from "@/lib/resources/team";
import { memberAction } from "./safe-action";

export const removeMemberAction = memberAction(
  { area: "team", level: "FULL" },
  z.strictObject({ id: z.uuid() }),
  async ({ id }, { actor }) => {
    if (!(await team.remove(actor, id))) throw new AppError("not_found", "This member is no longer in the team.");
    revalidatePath("/team");
    return {};
  },
);
