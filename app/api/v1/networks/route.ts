import { collectionRoutes } from "@/lib/api/crud";
import { networks } from "@/lib/wifi/networks";

// GET /api/v1/networks – list, a page at a time; POST /api/v1/networks – create
export const { GET, POST } = collectionRoutes(networks);
