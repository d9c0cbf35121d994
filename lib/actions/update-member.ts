"use server";

import { revalidatePath } from "next/cache";
import { team } from "@/lib/team/team";
import { changeMemberRoleSchema } from "@/lib/validations/team";
import { memberAction } from "./safe-action";

export const updateMemberAction = memberAction(
  { area: "team", level: "FULL" },
  changeMemberRoleSchema,
  async ({ id, roleId }, { actor }) => {
    const member = await team.update(actor, id, { roleId });
    revalidatePath("/team");
    return { member: { id: member.id, name: member.name } };
  },
  { stepUp: true },
);
