"use server";

import { revalidatePath } from "next/cache";
import { team } from "@/lib/team/team";
import { idInputSchema } from "@/lib/validations/common";
import { memberAction } from "./safe-action";

export const removeMemberAction = memberAction(
  { area: "team", level: "FULL" },
  idInputSchema,
  async ({ id }, { actor }) => {
    await team.remove(actor, id);
    revalidatePath("/team");
    return {};
  },
  { stepUp: true },
);
