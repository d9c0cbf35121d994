import { parseId } from "@/lib/api/crud";
import { noContent, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { groups, removeGroupMember } from "@/lib/wifi/groups";

// DELETE /api/v1/groups/:id/users/:userId – take a user out of the group
export const DELETE = apiRoute<{ id: string; userId: string }>("groups", async ({ actor, params }) => {
  await removeGroupMember(actor, parseId(groups, params.id), parseId({ singular: "user" }, params.userId));
  return noContent();
});

// Any other method – 405 with Allow
export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
