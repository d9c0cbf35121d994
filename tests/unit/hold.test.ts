import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { holdRefusal } from "@/lib/rate-limit/hold";

describe("holdRefusal (the brake's held 429s)", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("holds an answer a second (API_KEY_FAILURE_HOLD_MS), never past the block's end", async () => {
    let held: number | null = null;
    void holdRefusal(60_000).then((ms) => (held = ms));
    await vi.advanceTimersByTimeAsync(999);
    expect(held).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(held).toBe(1000);
    const short = holdRefusal(250);
    await vi.advanceTimersByTimeAsync(250);
    expect(await short).toBe(250);
  });

  it("holds at most 1,000 answers at once; later ones leave at once, and the count goes back down", async () => {
    const waiting = Array.from({ length: 1000 }, () => holdRefusal(60_000));
    expect(await holdRefusal(60_000)).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(new Set(await Promise.all(waiting))).toEqual(new Set([1000]));
    const again = holdRefusal(60_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await again).toBe(1000);
  });
});
