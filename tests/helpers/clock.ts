import { expectJson } from "./account";

// The server's test clock (lib/clock.ts), on a server started with WISP_TEST_CLOCK=1.
export async function serverNow(baseUrl: string): Promise<Date> {
  const { now } = await expectJson<{ now: string }>(await fetch(`${baseUrl}/api/test/clock`), 200);
  return new Date(now);
}

// Puts the server's clock `seconds` ahead of the system clock (0: back to normal).
export async function setClockOffset(baseUrl: string, seconds: number): Promise<void> {
  await expectJson(
    await fetch(`${baseUrl}/api/test/clock`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ offsetSeconds: seconds }),
    }),
    200,
  );
}

// Moves the clock of every server so that it reads `at` (to within a few milliseconds).
export async function setClockTo(at: Date, ...baseUrls: string[]): Promise<void> {
  const offset = Math.max(0, (at.getTime() - Date.now()) / 1000);
  await Promise.all(baseUrls.map((url) => setClockOffset(url, offset)));
}
