import { itemRoutes } from "@/lib/api/crud";
import { vouchers } from "@/lib/wifi/vouchers";

// GET, PATCH, DELETE /api/v1/vouchers/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(vouchers);
