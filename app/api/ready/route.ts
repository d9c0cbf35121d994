import { errorResponse, json } from "@/lib/api/responses";
import { getConnection } from "@/lib/db/connection";
import { pendingMigrations } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { proxyWarnings } from "@/lib/http/proxy-warnings";
import { rateLimitStoreState } from "@/lib/rate-limit/store";

// GET /api/ready – readiness: the database answers and every migration is applied
// (/api/health is liveness and never touches the database). It says where the rate-limit
// counters are kept and, for Redis, whether it is up: Redis down doesn't make the instance
// unready (it counts in memory meanwhile).
export async function GET() {
  try {
    const pending = await pendingMigrations(getConnection());
    if (pending.length > 0) throw new AppError("service_unavailable", "Migrations are not applied yet.");
    const warnings = proxyWarnings();
    return json({
      status: "ready",
      rateLimitStore: rateLimitStoreState(),
      ...(warnings.length > 0 ? { warnings } : {}),
    });
  } catch (error) {
    return errorResponse(
      error instanceof AppError ? error : new AppError("service_unavailable", "The database is unavailable."),
    );
  }
}
