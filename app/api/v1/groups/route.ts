import { collectionRoutes } from "@/lib/api/crud";
import { groups } from "@/lib/wifi/groups";
import { otherMethods } from "@/lib/api/responses";

// GET /api/v1/groups – list, a page at a time; POST /api/v1/groups – create
export const { GET, POST } = collectionRoutes(groups);

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
