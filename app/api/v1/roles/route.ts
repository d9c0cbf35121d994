import { collectionRoutes } from "@/lib/api/crud";
import { roles } from "@/lib/roles/roles";
import { otherMethods } from "@/lib/api/responses";

// GET /api/v1/roles – list, a page at a time; POST /api/v1/roles – create
export const { GET, POST } = collectionRoutes(roles);

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
