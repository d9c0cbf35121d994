// The server's notion of "now" for expiry decisions (sessions, invitations). Tests move
// it forward instead of sleeping: only a server started with WISP_TEST_CLOCK=1 (test
// servers; never set it in production) accepts an offset, through POST /api/test/clock.
const globalForClock = globalThis as unknown as { wispClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (globalForClock.wispClockOffsetMs ?? 0));
}

export function testClockEnabled(): boolean {
  return process.env.WISP_TEST_CLOCK === "1";
}

export function setTestClockOffset(offsetMs: number): void {
  if (!testClockEnabled()) throw new Error("The test clock is off (WISP_TEST_CLOCK is not 1).");
  globalForClock.wispClockOffsetMs = offsetMs;
}
