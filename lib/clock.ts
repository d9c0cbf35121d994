import { config } from "@/lib/config";
import { processSingleton } from "@/lib/process-singleton";

// The server's notion of "now" for every expiry decision: sessions, invitations, key
// expiry and grace periods. It is the system clock, except on a server started with
// WISP_TEST_CLOCK=1 (test servers; never set it in production), where tests move it
// forward (POST /api/test/clock) instead of sleeping.
const state = processSingleton("clock", () => ({ offsetMs: 0 }));

export function now(): Date {
  return new Date(Date.now() + state.offsetMs);
}

export function testClockEnabled(): boolean {
  return config.testClock;
}

// Only on a test server; anywhere else the clock can't be moved.
export function setTestClockOffset(offsetMs: number): void {
  if (!testClockEnabled()) throw new Error("The test clock is off (WISP_TEST_CLOCK is not 1).");
  state.offsetMs = offsetMs;
}

export function testClockOffset(): number {
  return state.offsetMs;
}
