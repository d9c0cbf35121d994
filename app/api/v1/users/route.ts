import { collectionRoutes } from "@/lib/api/crud";
import { users } from "@/lib/resources/users";

// GET /api/v1/users – list, a page at a time; POST /api/v1/users – create
export const { GET, POST } = collectionRoutes(users);
