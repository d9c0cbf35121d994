import { expect } from "vitest";
import type { Call } from "./account";

export type UsageBody = {
  totals: { requests: number; errors: number; errorRate: number; byOutcome: Record<string, number> };
  series: { start: string; requests: number; byOutcome: Record<string, number> }[];
  topRoutes: { operation: string; requests: number; errors: number }[];
};

// Polls a usage endpoint until its total reaches `expected` (counts are written every
// 5 s); fails after `withinMs`, and if a rising total ever goes past it.
export async function usageReaching(call: Call, path: string, expected: number, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const response = await call(path);
    expect(response.status).toBe(200);
    const body = (await response.json()) as UsageBody;
    if (expected > 0) expect(body.totals.requests).toBeLessThanOrEqual(expected);
    if (body.totals.requests === expected) return { body, afterMs: withinMs - (deadline - Date.now()) };
    if (Date.now() > deadline) throw new Error(`usage stayed at ${body.totals.requests} of ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Runs `total` calls, `concurrency` at a time; returns the statuses in order.
export async function inParallel(total: number, concurrency: number, send: (i: number) => Promise<Response>) {
  const statuses: number[] = new Array(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const response = await send(i);
        await response.arrayBuffer();
        statuses[i] = response.status;
      }
    }),
  );
  return statuses;
}

// Runs a burst of requests within one one-second window of the rate limiter (whole seconds
// of the server's clock, here the real one): `prepare` sets up fresh keys and returns the
// burst, which starts just after a second begins. A burst that spilled into the next second
// (a busy machine) proves nothing about the limit, so it is tried again with fresh keys.
export async function burstInOneSecond<T>(prepare: () => Promise<() => Promise<T>>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const burst = await prepare();
    // Aligns the start to a second boundary: a pause that is part of the burst, not a wait for a condition.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const started = Date.now();
    const result = await burst();
    const tookMs = Date.now() - started;
    if (Math.floor(started / 1000) === Math.floor((started + tookMs) / 1000)) return result;
    if (attempt === attempts)
      throw new Error(`no burst fitted in one second in ${attempts} tries (the last took ${tookMs} ms)`);
  }
}
