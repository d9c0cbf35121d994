import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { afterAll, describe, expect, it, vi } from "vitest";
import { BatchedCounter } from "@/lib/rate-limit/batched-counter";

vi.mock("server-only", () => ({}));

// Two "instances" (two counters) on one real Redis store, as the cluster runs them.
const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", {
  keyPrefix: `wisp-test-${randomBytes(6).toString("hex")}:`,
});
afterAll(() => redis.quit());

function instance() {
  const store = new RateLimiterRedis({ storeClient: redis, keyPrefix: "batched", points: 2 ** 31 - 1, duration: 60 });
  let roundTrips = 0;
  const consume = store.consume.bind(store);
  store.consume = (...args) => {
    roundTrips += 1;
    return consume(...args);
  };
  return { store, counter: new BatchedCounter(store), roundTrips: () => roundTrips };
}

describe("batched counting in a shared store", () => {
  it("far below the limit: every request counted, in a few round trips", async () => {
    const [a, b] = [instance(), instance()];
    const key = randomBytes(8).toString("hex");
    const counts: number[] = [];
    for (let i = 0; i < 500; i++) {
      counts.push((await a.counter.add(key, 1_000_000, 60)).count);
      counts.push((await b.counter.add(key, 1_000_000, 60)).count);
    }
    // Nothing left behind, without a flush: what came in during a round trip goes next.
    await expect.poll(async () => (await a.store.get(key))?.consumedPoints, { timeout: 2000 }).toBe(1000);
    expect(a.roundTrips() + b.roundTrips()).toBeLessThan(100);
    expect(Math.max(...counts)).toBeLessThanOrEqual(1000);
  });

  it("near the limit: two instances together admit exactly the limit, however the requests interleave", async () => {
    for (const limit of [1, 2, 10, 101]) {
      const [a, b] = [instance(), instance()];
      const key = randomBytes(8).toString("hex");
      // Bursts on both at once, then one by one.
      const burst = await Promise.all(
        Array.from({ length: 3 * limit }, (_, i) => (i % 2 ? a : b).counter.add(key, limit, 60)),
      );
      const admittedInBurst = burst.filter(({ count }) => count <= limit).length;
      const later = [];
      for (let i = 0; i < 20; i++) later.push(await (i % 2 ? a : b).counter.add(key, limit, 60));
      expect(admittedInBurst, `limit ${limit}`).toBe(limit);
      expect(later.every(({ count }) => count > limit)).toBe(true);
    }
  });

  it("a request taken back frees its place for the next one", async () => {
    const { store, counter } = instance();
    const key = randomBytes(8).toString("hex");
    for (let i = 0; i < 4; i++) await counter.add(key, 4, 60);
    const fifth = await counter.add(key, 4, 60);
    expect(fifth.count).toBe(5);
    await counter.takeBack(key, 60);
    expect((await store.get(key))?.consumedPoints).toBe(4);
    expect((await counter.add(key, 5, 60)).count).toBe(5);
    expect(fifth.msBeforeNext).toBeGreaterThan(50_000);
  });
});
