import { collectionRoutes } from "@/lib/api/crud";
import { roles } from "@/lib/roles/roles";

// GET /api/v1/roles – list, a page at a time; POST /api/v1/roles – create
export const { GET, POST } = collectionRoutes(roles);
