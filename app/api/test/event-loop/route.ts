import { errorResponse, json } from "@/lib/api/responses";
import { testClockEnabled } from "@/lib/clock";
import { AppError } from "@/lib/errors";

// Tests only: exists on a server started with WISP_TEST_CLOCK=1, a plain 404 everywhere
// else. Blocks this instance's request event loop for `ms` (at most 10 s), as an overload
// would, then answers how late a timer due at once fired.
// POST /api/test/event-loop?ms=<n> – block the event loop
export async function POST(request: Request) {
  if (!testClockEnabled()) return errorResponse(new AppError("not_found", "No such endpoint."));
  const ms = Math.min(Number(new URL(request.url).searchParams.get("ms") ?? 0) || 0, 10_000);
  const scheduled = Date.now();
  const timerLate = new Promise<number>((resolve) => setTimeout(() => resolve(Date.now() - scheduled), 0));
  const until = scheduled + ms;
  while (Date.now() < until);
  return json({ blockedMs: ms, timerLateMs: await timerLate });
}
