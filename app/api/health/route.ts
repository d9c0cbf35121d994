import { json } from "@/lib/api/responses";

// GET /api/health – liveness, no authentication and no database
export function GET() {
  return json({ status: "ok" });
}
