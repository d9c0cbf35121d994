import { itemRoutes } from "@/lib/api/crud";
import { groups } from "@/lib/wifi/groups";

// GET, PATCH, DELETE /api/v1/groups/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(groups);
