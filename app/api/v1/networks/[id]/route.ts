import { itemRoutes } from "@/lib/api/crud";
import { networks } from "@/lib/wifi/networks";
import { otherMethods } from "@/lib/api/responses";

// GET, PATCH, DELETE /api/v1/networks/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(networks);

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
