import "server-only";
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { hash } from "node:crypto";
import { remembered } from "@/lib/remembered";
import { BatchedCounter } from "./batched-counter";
import { countsInMemoryNow, createLimiter, type LimiterOptions } from "./store";

// Counts failures (wrong passwords, unknown API keys) per key in a fixed window. After
// `points` failures a key is refused until its window ends. Successes are never counted.
// Keys are hashed: no email or address is kept in clear in Redis or PostgreSQL.
export class FailureLimiter {
  private limiter: RateLimiterAbstract | undefined;
  private counter: BatchedCounter | undefined;

  constructor(private readonly options: LimiterOptions) {}

  private get store(): RateLimiterAbstract {
    this.limiter ??= createLimiter(this.options);
    return this.limiter;
  }

  // Milliseconds until `key` may try again; 0 if it may now. With `memoryOnly`, a
  // store-backed limiter answers from this instance's memory alone (no round trip): it
  // knows the keys it saw go over the limit.
  async blockedFor(key: string, { memoryOnly = false } = {}): Promise<number> {
    const store = this.store;
    const hashed = hashKey(key);
    if (!(store instanceof RateLimiterMemory)) {
      const local = "getInMemoryBlockMsBeforeExpire" in store ? blockedInMemory(store, store.getKey(hashed)) : 0;
      // While the store is down, its counts are in this instance's memory: read them there.
      if (local > 0 || (memoryOnly && !countsInMemoryNow(store))) return local;
    }
    const result = await store.get(hashed).catch(() => null);
    return result && result.consumedPoints >= this.options.points ? Math.max(result.msBeforeNext, 1) : 0;
  }

  // Counts one failure. `over` when this one is past the limit (it should be refused
  // itself); `waitMs` until the window ends. Far below the limit, failures are sent to a
  // shared store in batches (lib/rate-limit/batched-counter.ts); near it, one by one.
  async fail(key: string): Promise<{ over: boolean; waitMs: number }> {
    this.counter ??= new BatchedCounter(this.store);
    const { count, msBeforeNext } = await this.counter.add(
      hashKey(key),
      this.options.points,
      this.options.durationSeconds,
    );
    return { over: count > this.options.points, waitMs: Math.max(msBeforeNext, 1) };
  }

  // Forgets `key`'s failures (after a successful sign-in).
  async reset(key: string): Promise<void> {
    await this.store.delete(hashKey(key)).catch(() => undefined);
  }
}

function blockedInMemory(store: RateLimiterAbstract, rlKey: string): number {
  return (store as unknown as { getInMemoryBlockMsBeforeExpire(key: string): number }).getInMemoryBlockMsBeforeExpire(
    rlKey,
  );
}

// Checked on every API request (the client's address), so remembered.
const hashKey = remembered((key: string): string => hash("sha256", key, "base64url"));

// "14 minutes", "40 seconds": how long to wait, for people.
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
