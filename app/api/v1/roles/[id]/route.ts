import { itemRoutes } from "@/lib/api/crud";
import { roles } from "@/lib/roles/roles";
import { otherMethods } from "@/lib/api/responses";

// GET, PATCH, DELETE /api/v1/roles/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(roles);

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
