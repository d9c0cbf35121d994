import { z } from "zod";
import { now, setTestClockOffset, testClockEnabled } from "@/lib/clock";

const bodySchema = z.strictObject({ offsetMs: z.number().int() });

// POST /api/test/clock – test servers only (WISP_TEST_CLOCK=1): set the clock's offset
// from real time. Anywhere else this route answers 404 as if it did not exist.
export async function POST(request: Request): Promise<Response> {
  if (!testClockEnabled()) return new Response(null, { status: 404 });
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Send { offsetMs }." }, { status: 400 });
  setTestClockOffset(parsed.data.offsetMs);
  return Response.json({ now: now().toISOString() });
}
