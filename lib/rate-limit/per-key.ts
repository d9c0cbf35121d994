import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { processSingleton } from "@/lib/process-singleton";
import { LeasedCounter } from "./leased-counter";
import { createLimiter } from "./store";
import { estimate, msUntilRoom } from "./sliding-window";

// A key's requests per second or per minute, in the same store as the brakes on guessing
// (memory on the embedded database; Redis or PostgreSQL's rate_limits shared by every
// instance). Each fixed window is one counter, incremented atomically; a refused request
// is never counted. The decision is the sliding-window estimate over that window and the previous one.
// Requests are admitted from tokens leased ahead (lib/rate-limit/leased-counter.ts): no
// call to the store per request (with a shared one, no round trip), never more than the limit.
export type WindowResult = {
  limit: number;
  windowSeconds: number;
  admitted: boolean;
  remaining: number;
  resetSeconds: number;
  retryAfterMs: number;
};

// The library's own limit is never reached: the decision is ours (sliding window).
const UNLIMITED = 2 ** 31 - 1;
// A finished window's count: `value` once read, `count` while it is being read.
type PreviousWindow = { index: number; count: Promise<number>; value?: number };

function limiterFor(windowSeconds: number) {
  const limiters = processSingleton(
    "keyRates",
    () => new Map<number, { limiter: RateLimiterAbstract; counter: LeasedCounter }>(),
  );
  let entry = limiters.get(windowSeconds);
  if (!entry) {
    const limiter = createLimiter({ keyPrefix: `key-rate-${windowSeconds}s`, points: UNLIMITED, durationSeconds: 2 });
    entry = { limiter, counter: new LeasedCounter(limiter) };
    limiters.set(windowSeconds, entry);
  }
  return entry;
}

export async function takeFromWindow(
  keyRowId: string,
  limit: number,
  windowSeconds: number,
  at: number,
): Promise<WindowResult> {
  const windowMs = windowSeconds * 1000;
  const index = Math.floor(at / windowMs);
  const elapsed = (at - index * windowMs) / windowMs;
  const { limiter, counter } = limiterFor(windowSeconds);
  const currentKey = `${keyRowId}:${index}`;
  // Read once per window and instance, so usually without a round trip.
  const known = previousCount(limiter, counter, keyRowId, windowSeconds, index - 1);
  const previous = typeof known === "number" ? known : await known;
  // The room this window has left (the previous one weighs by its part still inside the
  // sliding window); kept two windows: the next window reads this one as its previous.
  const room = limit - previous * (1 - elapsed);
  const taken = await counter.take(currentKey, room, windowSeconds * 2);
  const counts = { previous, current: taken.count, elapsed };
  const resetSeconds = Math.max(1, Math.ceil((1 - elapsed) * windowSeconds));
  if (taken.admitted) {
    const remaining = Math.max(0, Math.floor(limit - estimate(counts)));
    return { limit, windowSeconds, admitted: true, remaining, resetSeconds, retryAfterMs: 0 };
  }
  const without = { ...counts, current: counts.current - 1 };
  const retryAfterMs = Math.max(1, msUntilRoom(without, limit, windowMs));
  return { limit, windowSeconds, admitted: false, remaining: 0, resetSeconds, retryAfterMs };
}

// A finished window's count no longer changes (but for requests still in flight as it
// ended): each instance reads it once per key and window, not on every request; once read,
// it is a number (no promise to wait on).
function previousCount(
  limiter: RateLimiterAbstract,
  counter: LeasedCounter,
  keyRowId: string,
  windowSeconds: number,
  index: number,
): number | Promise<number> {
  const cache = processSingleton("previousWindows", () => new Map<string, PreviousWindow>());
  const id = `${keyRowId}:${windowSeconds}`;
  const cached = cache.get(id);
  if (cached?.index === index) return cached.value ?? cached.count;
  // The memory store counts leased tokens never used; this process knows what it admitted.
  const admittedHere = counter.usedHere(`${keyRowId}:${index}`);
  if (admittedHere !== undefined) {
    cache.set(id, { index, count: Promise.resolve(admittedHere), value: admittedHere });
    return admittedHere;
  }
  const entry: PreviousWindow = {
    index,
    count: limiter.get(`${keyRowId}:${index}`).then((result) => (entry.value = result?.consumedPoints ?? 0)),
  };
  cache.set(id, entry);
  entry.count.catch(() => cache.delete(id));
  return entry.count;
}
