"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { team } from "@/lib/team/team";
import { memberAction } from "./safe-action";

export const removeMemberAction = memberAction(
  { area: "team", level: "FULL" },
  z.strictObject({ id: z.uuid() }),
  async ({ id }, { actor }) => {
    await team.remove(actor, id);
    revalidatePath("/team");
    return {};
  },
);
