import { collectionRoutes } from "@/lib/api/crud";
import { networks } from "@/lib/wifi/networks";
import { otherMethods } from "@/lib/api/responses";

// GET /api/v1/networks – list, a page at a time; POST /api/v1/networks – create
export const { GET, POST } = collectionRoutes(networks);

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
