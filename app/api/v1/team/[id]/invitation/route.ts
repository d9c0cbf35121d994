import { parseId } from "@/lib/api/crud";
import { json, otherMethods } from "@/lib/api/responses";
import { apiRoute } from "@/lib/api/route";
import { resendInvitation, team } from "@/lib/team/team";

// POST /api/v1/team/:id/invitation – a new invitation link (in this response only) and mail for an invited member; the old link stops working
export const POST = apiRoute<{ id: string }>("team", async ({ actor, params }) =>
  json(await resendInvitation(actor, parseId(team, params.id))),
);

// Any other method – 405 with Allow
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
