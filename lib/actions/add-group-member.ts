"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addGroupMember, groupMemberInputSchema } from "@/lib/wifi/groups";
import { memberAction } from "./safe-action";

// Adds a user to a group, or changes their priority (as POST /api/v1/groups/:id/users).
export const addGroupMemberAction = memberAction(
  { area: "groups", level: "FULL" },
  groupMemberInputSchema.extend({ groupId: z.uuid("Send the id of a group of this account.") }),
  async ({ groupId, ...input }, { actor }) => {
    const group = await addGroupMember(actor, groupId, input);
    revalidatePath("/groups");
    return { members: group.members };
  },
);
