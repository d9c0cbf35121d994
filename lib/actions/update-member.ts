"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { team } from "@/lib/team/team";
import { memberAction } from "./safe-action";

export const updateMemberAction = memberAction(
  { area: "team", level: "FULL" },
  z.strictObject({ id: z.uuid(), roleId: z.uuid({ error: "Choose a role." }) }),
  async ({ id, roleId }, { actor }) => {
    const member = await team.update(actor, id, { roleId });
    revalidatePath("/team");
    return { member: { id: member.id, name: member.name } };
  },
);
