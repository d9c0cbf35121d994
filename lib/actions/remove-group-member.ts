"use server";

import { revalidatePath } from "next/cache";
import { removeGroupMemberSchema } from "@/lib/validations/wifi";
import { removeGroupMember } from "@/lib/wifi/groups";
import { memberAction } from "./safe-action";

// Takes a user out of a group (as DELETE /api/v1/groups/:id/users/:userId).
export const removeGroupMemberAction = memberAction(
  { area: "groups", level: "FULL" },
  removeGroupMemberSchema,
  async (input, { actor }) => {
    await removeGroupMember(actor, input.groupId, input.userId);
    revalidatePath("/groups");
    return {};
  },
);
