import { collectionRoutes } from "@/lib/api/crud";
import { vouchers } from "@/lib/wifi/vouchers";
import { otherMethods } from "@/lib/api/responses";

// GET /api/v1/vouchers – list, a page at a time; POST /api/v1/vouchers – create
export const { GET, POST } = collectionRoutes(vouchers);

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
