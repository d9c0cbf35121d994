import { itemRoutes } from "@/lib/api/crud";
import { users } from "@/lib/wifi/users";

// GET, PATCH, DELETE /api/v1/users/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(users);
