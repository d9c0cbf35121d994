import { collectionRoutes } from "@/lib/api/crud";
import { users } from "@/lib/wifi/users";

// GET /api/v1/users – list, a page at a time; POST /api/v1/users – create
export const { GET, POST } = collectionRoutes(users);
