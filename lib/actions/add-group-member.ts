"use server";

import { revalidatePath } from "next/cache";
import { addGroupMemberSchema } from "@/lib/validations/wifi";
import { addGroupMember } from "@/lib/wifi/groups";
import { memberAction } from "./safe-action";

// Adds a user to a group, or changes their priority (as POST /api/v1/groups/:id/users).
export const addGroupMemberAction = memberAction(
  { area: "groups", level: "FULL" },
  addGroupMemberSchema,
  async ({ groupId, ...input }, { actor }) => {
    const group = await addGroupMember(actor, groupId, input);
    revalidatePath("/groups");
    return { members: group.members };
  },
);
