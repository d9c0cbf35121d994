import { itemRoutes } from "@/lib/api/crud";
import { users } from "@/lib/wifi/users";
import { otherMethods } from "@/lib/api/responses";

// GET, PATCH, DELETE /api/v1/users/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(users);

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
