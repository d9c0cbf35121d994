// The time that key expiry and grace periods go by. It is the system clock, except on a
// server started with WISP_TEST_CLOCK=1, where tests may move it forward (POST
// /api/test/clock) to see a key expire or a grace period end without waiting for it.
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
