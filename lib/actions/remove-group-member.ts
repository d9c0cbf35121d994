"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { removeGroupMember } from "@/lib/wifi/groups";
import { memberAction } from "./safe-action";

// Takes a user out of a group (as DELETE /api/v1/groups/:id/users/:userId).
export const removeGroupMemberAction = memberAction(
  { area: "groups", level: "FULL" },
  z.strictObject({
    groupId: z.uuid("Send the id of a group of this account."),
    userId: z.uuid("Send the id of a user of this account."),
  }),
  async (input, { actor }) => {
    await removeGroupMember(actor, input.groupId, input.userId);
    revalidatePath("/groups");
    return {};
  },
);
