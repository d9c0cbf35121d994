// The server's notion of "now" for every expiry decision: sessions, invitations, key
// expiry and grace periods. It is the system clock, except on a server started with
// WISP_TEST_CLOCK=1 (test servers; never set it in production), where tests move it
// forward (POST /api/test/clock) instead of sleeping.
// Kept on globalThis: route handlers and pages load their own copies of this module.
const state = globalThis as unknown as { wispClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (state.wispClockOffsetMs ?? 0));
}

export function testClockEnabled(): boolean {
  return process.env.WISP_TEST_CLOCK === "1";
}

// Only on a test server; anywhere else the clock can't be moved.
export function setTestClockOffset(offsetMs: number): void {
  if (!testClockEnabled()) throw new Error("The test clock is off (WISP_TEST_CLOCK is not 1).");
  state.wispClockOffsetMs = offsetMs;
}

export function testClockOffset(): number {
  return state.wispClockOffsetMs ?? 0;
}
