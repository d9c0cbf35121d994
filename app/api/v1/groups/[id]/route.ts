import { itemRoutes } from "@/lib/api/crud";
import { groups } from "@/lib/wifi/groups";
import { otherMethods } from "@/lib/api/responses";

// GET, PATCH, DELETE /api/v1/groups/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(groups);

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
