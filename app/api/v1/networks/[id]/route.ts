import { itemRoutes } from "@/lib/api/crud";
import { networks } from "@/lib/wifi/networks";

// GET, PATCH, DELETE /api/v1/networks/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(networks);
