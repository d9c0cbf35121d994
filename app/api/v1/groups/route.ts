import { collectionRoutes } from "@/lib/api/crud";
import { groups } from "@/lib/wifi/groups";

// GET /api/v1/groups – list, a page at a time; POST /api/v1/groups – create
export const { GET, POST } = collectionRoutes(groups);
