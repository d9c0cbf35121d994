import { itemRoutes } from "@/lib/api/crud";
import { team } from "@/lib/team/team";
import { otherMethods } from "@/lib/api/responses";

// GET, PATCH, DELETE /api/v1/team/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(team);

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
