import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { afterAll, describe, expect, it, vi } from "vitest";
import { BatchedCounter } from "@/lib/rate-limit/batched-counter";
import { LeasedCounter } from "@/lib/rate-limit/leased-counter";

vi.mock("server-only", () => ({}));

// Two "instances" (two counters) on one real Redis store, as the cluster runs them.
const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", {
  keyPrefix: `wisp-test-${randomBytes(6).toString("hex")}:`,
});
afterAll(() => redis.quit());

function countingStore(points = 2 ** 31 - 1) {
  const store = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `counted-${points}`,
    points,
    duration: 60,
    inMemoryBlockOnConsumed: points,
  });
  let roundTrips = 0;
  const consume = store.consume.bind(store);
  store.consume = (...args) => {
    roundTrips += 1;
    return consume(...args);
  };
  return { store, roundTrips: () => roundTrips };
}

const newKey = () => randomBytes(8).toString("hex");

describe("failures counted in batches (the brakes)", () => {
  it("far below the limit: every failure counted, in a few round trips", async () => {
    const shared = countingStore();
    const [a, b] = [new BatchedCounter(shared.store), new BatchedCounter(shared.store)];
    const key = newKey();
    for (let i = 0; i < 500; i++) {
      await a.add(key, 1_000_000, 60);
      await b.add(key, 1_000_000, 60);
    }
    // Nothing left behind, without a flush: what came in meanwhile goes with the next batch.
    await expect.poll(async () => (await shared.store.get(key))?.consumedPoints, { timeout: 2000 }).toBe(1000);
    expect(shared.roundTrips()).toBeLessThan(100);
  });

  it("one at a time on two instances: the failure past the limit is over on either", async () => {
    const shared = countingStore(30);
    const [a, b] = [new BatchedCounter(shared.store), new BatchedCounter(shared.store)];
    const key = newKey();
    const counts: number[] = [];
    for (let i = 0; i < 15; i++) {
      counts.push((await a.add(key, 30, 60)).count);
      counts.push((await b.add(key, 30, 60)).count);
    }
    expect(counts.every((count) => count <= 30)).toBe(true);
    expect((await a.add(key, 30, 60)).count).toBeGreaterThan(30);
    expect((await b.add(key, 30, 60)).count).toBeGreaterThan(30);
  });

  it("a counter past the store's own limit stays over, also when the store refuses from its memory", async () => {
    const counter = new BatchedCounter(countingStore(10).store);
    const key = newKey();
    const counts: number[] = [];
    for (let i = 0; i < 14; i++) counts.push((await counter.add(key, 10, 60)).count);
    expect(counts.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(counts.slice(10).every((count) => count > 10)).toBe(true);
  });
});

describe("admission from leased tokens (per-key rate limits)", () => {
  it("far below the limit: a round trip per lease, not per request", async () => {
    const shared = countingStore();
    const [a, b] = [new LeasedCounter(shared.store), new LeasedCounter(shared.store)];
    const key = newKey();
    for (let i = 0; i < 500; i++) {
      expect((await a.take(key, 100_000, 60)).admitted).toBe(true);
      expect((await b.take(key, 100_000, 60)).admitted).toBe(true);
    }
    expect(shared.roundTrips()).toBeLessThan(10);
  });

  it("never admits more than the limit on two instances, however requests interleave; refusals aren't counted", async () => {
    for (const limit of [1, 2, 10, 101]) {
      const shared = countingStore();
      const [a, b] = [new LeasedCounter(shared.store), new LeasedCounter(shared.store)];
      const key = newKey();
      // Bursts on both at once, then one by one on each.
      const burst = await Promise.all(
        Array.from({ length: 3 * limit }, (_, i) => (i % 2 ? a : b).take(key, limit, 60)),
      );
      const later = [];
      for (let i = 0; i < 20; i++) later.push(await (i % 2 ? a : b).take(key, limit, 60));
      const admitted = [...burst, ...later].filter((result) => result.admitted).length;
      expect(admitted, `limit ${limit}`).toBeLessThanOrEqual(limit);
      // Each instance used its own leases: nothing is lost when both keep asking.
      expect(admitted, `limit ${limit}`).toBe(limit);
      expect(later.some((result) => result.admitted)).toBe(false);
      expect((await shared.store.get(key))?.consumedPoints, `limit ${limit}`).toBe(limit);
    }
  });

  it("on the memory store (embedded database): exactly the limit, a call to the store per lease, and usedHere exact", async () => {
    for (const limit of [1, 2, 10, 101, 100_000]) {
      const store = new RateLimiterMemory({ keyPrefix: "memory", points: 2 ** 31 - 1, duration: 60 });
      let calls = 0;
      const consume = store.consume.bind(store);
      store.consume = (...args) => {
        calls += 1;
        return consume(...args);
      };
      const counter = new LeasedCounter(store);
      const key = newKey();
      const requests = Math.min(3 * limit, 1000);
      const half = Math.floor(requests / 2);
      const burst = await Promise.all(Array.from({ length: half }, () => counter.take(key, limit, 60)));
      const later = [];
      for (let i = half; i < requests; i++) later.push(await counter.take(key, limit, 60));
      const admitted = [...burst, ...later].filter((result) => result.admitted).length;
      expect(admitted, `limit ${limit}`).toBe(Math.min(limit, requests));
      // The count each admission reports is the exact number admitted so far.
      expect(later.filter((result) => result.admitted).at(-1)?.count ?? admitted, `limit ${limit}`).toBe(admitted);
      expect(counter.usedHere(key), `limit ${limit}`).toBe(admitted);
      if (limit === 100_000) expect(calls).toBeLessThan(10);
    }
  });
});
