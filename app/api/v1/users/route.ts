import { collectionRoutes } from "@/lib/api/crud";
import { users } from "@/lib/wifi/users";
import { otherMethods } from "@/lib/api/responses";

// GET /api/v1/users – list, a page at a time; POST /api/v1/users – create
export const { GET, POST } = collectionRoutes(users);

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
