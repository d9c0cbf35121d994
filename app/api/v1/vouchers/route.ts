import { collectionRoutes } from "@/lib/api/crud";
import { vouchers } from "@/lib/wifi/vouchers";

// GET /api/v1/vouchers – list, a page at a time; POST /api/v1/vouchers – create
export const { GET, POST } = collectionRoutes(vouchers);
