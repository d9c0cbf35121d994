import { randomBytes } from "node:crypto";

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
