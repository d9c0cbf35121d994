import type { NextRequest } from "next/server";
import { readJson } from "@/lib/api/body";
import { errorResponse, json } from "@/lib/api/responses";
import { now, setTestClockOffset, testClockEnabled, testClockOffset } from "@/lib/clock";
import { flushLastUsed } from "@/lib/api-keys/last-used";
import { AppError } from "@/lib/errors";
import { roundInFlight, wakeOutbox } from "@/lib/outbox/worker";
import { scanOnce } from "@/lib/notices/scan";
import { flushUsage } from "@/lib/usage/counter";
import { flushRequestLog } from "@/lib/usage/request-log";
import { rollUpUsageIfDue } from "@/lib/usage/rollup";
import { testClockSchema } from "@/lib/validations/test-clock";

// Tests only: exists on a server started with WISP_TEST_CLOCK=1, a plain 404 everywhere
// else. Moves the clock that sessions, invitations, key expiry and grace periods go by
// (lib/clock.ts). The offset is given in milliseconds or seconds; 0 puts it back. Usage
// and keys' last use counted (and requests logged) so far are written, usage rolled up if due at the new time,
// and the notices (and scans) due at the new time run, before the answer: what the next
// 5-second flush and the next scan would do, so a test need not wait for them. The clock
// moves between the outbox's rounds, never during one, and the outbox is woken after, so
// retries due at the new time go at once.
const notFound = () => errorResponse(new AppError("not_found", "No such endpoint."));

// GET /api/test/clock – the test clock's time and offset
export function GET() {
  if (!testClockEnabled()) return notFound();
  return json({ now: now().toISOString(), offsetSeconds: testClockOffset() / 1000 });
}

// POST /api/test/clock – set the test clock's offset
export async function POST(request: NextRequest) {
  if (!testClockEnabled()) return notFound();
  try {
    const body = await readJson(request, testClockSchema);
    await roundInFlight();
    setTestClockOffset(body.offsetMs ?? (body.offsetSeconds ?? 0) * 1000);
    await flushUsage();
    await flushRequestLog();
    await flushLastUsed();
    await rollUpUsageIfDue();
    await scanOnce();
    wakeOutbox();
    return json({ now: now().toISOString(), offsetSeconds: testClockOffset() / 1000 });
  } catch (error) {
    return errorResponse(error);
  }
}
