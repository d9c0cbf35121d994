import { parseId } from "@/lib/api/crud";
import { noContent, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { groups, removeGroupMember } from "@/lib/resources/groups";

// DELETE /api/v1/groups/:id/users/:userId – take a user out of the group
export const DELETE = apiRoute<{ id: string; userId: string }>("groups", async ({ actor, params }) => {
  const groupId = parseId(groups, params.id);
  const userId = parseId({ singular: "user" }, params.userId);
  if (!(await removeGroupMember(actor.accountId, groupId, userId))) {
    throw new AppError("not_found", "This user is not in this group.");
  }
  return noContent();
});

// Any other method – 405 with Allow
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
