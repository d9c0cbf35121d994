import { itemRoutes } from "@/lib/api/crud";
import { roles } from "@/lib/roles/roles";

// GET, PATCH, DELETE /api/v1/roles/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(roles);
