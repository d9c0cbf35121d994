import { itemRoutes } from "@/lib/api/crud";
import { vouchers } from "@/lib/wifi/vouchers";
import { otherMethods } from "@/lib/api/responses";

// GET, PATCH, DELETE /api/v1/vouchers/:id – one record of this account
export const { GET, PATCH, DELETE } = itemRoutes(vouchers);

// Any other method – 405 with Allow
export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
