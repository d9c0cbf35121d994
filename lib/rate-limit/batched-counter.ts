import "server-only";
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

// Counts failures (the brakes on guessing) in a shared store (Redis or PostgreSQL) without a
// round trip per failure while a counter is far from its limit. Each instance adds locally
// and sends its additions in one increment, at most one in flight per counter and at most
// one batch every BATCH_MS; each answer tells it the count of all instances together. A
// failure is counted locally only while that count plus this instance's unsent additions
// stays within SAFE_SHARE of the limit; past it, each one waits for its own increment. The
// count an increment returns misses only other instances' unsent additions, at most
// SAFE_SHARE of the limit each: in a burst spread over k instances within one batch, at
// most (k − 1) × SAFE_SHARE × the limit more failures pass before every instance refuses.
// (Admission against a limit that must never be passed is lib/rate-limit/leased-counter.ts.)
// The memory store (embedded database, one process) needs none of this: it is used directly.
const SAFE_SHARE = 0.25;
// How long increments decided locally wait to be sent together: at a few thousand requests
// a second, one round trip per counter every BATCH_MS instead of one per request.
const BATCH_MS = 50;
// Counters this instance no longer touches are forgotten after their window.
const SWEEP_EVERY = 1000;

export type Count = { count: number; msBeforeNext: number };

type Counter = {
  synced: number; // the shared count at the last answer
  sent: number; // in the increment in flight
  pending: number; // added here since, not yet sent
  sending: Promise<number> | null;
  timer: NodeJS.Timeout | null; // a batch waiting to be sent
  expiresAt: number; // when the store forgets it (the window's end), in real time
};

export class BatchedCounter {
  private counters = new Map<string, Counter>();
  private calls = 0;

  constructor(private readonly store: RateLimiterAbstract) {}

  // Adds one to `key` (kept `seconds` in the store) and returns its count with this one,
  // and the milliseconds until the store forgets it: exact once the count nears `limit`,
  // possibly missing other instances' last requests below.
  async add(key: string, limit: number, seconds: number): Promise<Count> {
    if (this.store instanceof RateLimiterMemory) return consume(this.store, key, 1, seconds);
    if (++this.calls % SWEEP_EVERY === 0) this.sweep();
    for (;;) {
      let counter = this.counters.get(key);
      if (counter && counter.expiresAt <= Date.now()) {
        this.counters.delete(key);
        counter = undefined;
      }
      counter ??= this.fresh(key);
      // Only a counter with an answer from the store is known well enough to decide locally.
      const known = counter.expiresAt !== Number.POSITIVE_INFINITY;
      if (known && counter.synced + counter.sent + counter.pending + 1 <= limit * SAFE_SHARE) {
        counter.pending += 1;
        this.sendSoon(key, counter, seconds);
        return { count: counter.synced + counter.sent + counter.pending, msBeforeNext: counter.expiresAt - Date.now() };
      }
      // Near the limit, or not known yet: once no increment is in flight (whose answer may
      // make it known), this request sends its own, with anything pending (already
      // decided): the count it gets back is exact.
      if (counter.sending) {
        await counter.sending.catch(() => 0);
        continue;
      }
      counter.pending += 1;
      const count = await this.send(key, counter, seconds);
      return { count, msBeforeNext: counter.expiresAt - Date.now() };
    }
  }

  private fresh(key: string): Counter {
    const counter: Counter = {
      synced: 0,
      sent: 0,
      pending: 0,
      sending: null,
      timer: null,
      expiresAt: Number.POSITIVE_INFINITY,
    };
    this.counters.set(key, counter);
    return counter;
  }

  private sendSoon(key: string, counter: Counter, seconds: number): void {
    if (counter.timer) return;
    counter.timer = setTimeout(() => {
      counter.timer = null;
      if (counter.sending) return; // its end schedules the next batch
      if (counter.pending > 0) void this.send(key, counter, seconds).catch(() => {});
    }, BATCH_MS);
    counter.timer.unref();
  }

  private send(key: string, counter: Counter, seconds: number): Promise<number> {
    if (counter.timer) {
      clearTimeout(counter.timer);
      counter.timer = null;
    }
    const points = counter.pending;
    counter.pending = 0;
    counter.sent = points;
    const sending = (async () => {
      try {
        const result = await consume(this.store, key, points, seconds);
        counter.synced = result.count;
        counter.expiresAt = Date.now() + result.msBeforeNext;
        // What was added meanwhile goes with the next batch (or a waiting request takes it).
        if (counter.pending > 0) this.sendSoon(key, counter, seconds);
        return result.count;
      } catch (error) {
        // Not counted: it goes with the next increment (the store is down: the caller decides).
        counter.pending += points;
        throw error;
      } finally {
        counter.sent = 0;
        counter.sending = null;
      }
    })();
    counter.sending = sending;
    return sending;
  }

  private sweep(): void {
    const at = Date.now();
    for (const [key, counter] of this.counters)
      if (counter.expiresAt <= at && !counter.sending && !counter.timer && counter.pending === 0)
        this.counters.delete(key);
  }
}

// The library rejects once a counter is past its `points`, with the count, or with 0 when
// it refuses from its in-memory block: either way the count, at least past those points.
async function consume(store: RateLimiterAbstract, key: string, points: number, seconds: number): Promise<Count> {
  try {
    const result = await store.consume(key, points, { customDuration: seconds });
    return { count: result.consumedPoints, msBeforeNext: result.msBeforeNext };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      return { count: Math.max(rejection.consumedPoints, store.points + 1), msBeforeNext: rejection.msBeforeNext };
    throw rejection;
  }
}
