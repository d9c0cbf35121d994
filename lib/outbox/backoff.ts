// When a failed delivery is tried again: about 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then
// every 24 h, each ±20% at random so that messages that failed together (a mail server
// that was down) don't all come back in the same second. After MAX_ATTEMPTS the message
// is marked failed (about three days after the first try).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const RETRY_DELAYS_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR, 24 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.2;

// The wait after the `attempts`-th try failed, or null when there is no try left.
export function retryDelayMs(attempts: number, random: () => number = Math.random): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[Math.max(0, attempts - 1)];
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
