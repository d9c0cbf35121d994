import { readJson } from "@/lib/api/body";
import { parseId } from "@/lib/api/crud";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { groupMemberInputSchema } from "@/lib/validations/wifi";
import { addGroupMember, groups } from "@/lib/wifi/groups";

// POST /api/v1/groups/:id/users – add a user to the group with a priority (1–10)
export const POST = apiRoute<{ id: string }>("groups", async ({ request, actor, params }) => {
  const groupId = parseId(groups, params.id);
  const input = await readJson(request, groupMemberInputSchema);
  return json(await addGroupMember(actor, groupId, input));
});

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
