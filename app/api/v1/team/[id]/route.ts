import { itemRoutes } from "@/lib/api/crud";
import { team } from "@/lib/team/team";

// GET, PATCH, DELETE /api/v1/team/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(team);
