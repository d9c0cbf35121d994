import { collectionRoutes } from "@/lib/api/crud";
import { team } from "@/lib/team/team";
import { otherMethods } from "@/lib/api/responses";

// GET /api/v1/team – list, a page at a time; POST /api/v1/team – create
export const { GET, POST } = collectionRoutes(team);

// Any other method – 405 with Allow
export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
