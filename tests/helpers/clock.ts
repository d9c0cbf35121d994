import { randomBytes } from "node:crypto";
import { expectJson } from "./account";
// The test server's clock (WISP_TEST_CLOCK=1, see lib/clock.ts): moved, never slept on.
export async function setServerClock(baseUrl: string, offsetMs: number): Promise<void> {
  const response = await fetch(`${baseUrl}/api/test/clock`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ offsetMs }),
  });
  if (!response.ok) throw new Error(`cannot set the test clock: ${response.status}`);
}

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;

// A client address of a test's own (IPv6 documentation range, random, so no two tests
// share a rate-limit counter), sent as X-Forwarded-For to a test server that trusts its
// loopback "proxy" (TRUSTED_PROXIES=127.0.0.1,::1). No traffic goes to it.
export function newClientAddress(): string {
  const groups = [...randomBytes(8)].reduce<string[]>((all, byte, index) => {
    if (index % 2 === 0) all.push("");
    all[all.length - 1] += byte.toString(16).padStart(2, "0");
    return all;
  }, []);
  // Written as the server normalises it (no leading zeros), so tests can compare.
  const [a, b, c, d] = groups.map((group) => parseInt(group, 16).toString(16));
  return `2001:db8:${a}:${b}::${c}:${d}`;
}

export const from = (address: string) => ({ "X-Forwarded-For": address });

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
