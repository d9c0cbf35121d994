import { collectionRoutes } from "@/lib/api/crud";
import { team } from "@/lib/team/team";

// GET /api/v1/team – list, a page at a time; POST /api/v1/team – create
export const { GET, POST } = collectionRoutes(team);
