import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createKeyWithRole, expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { HOUR, MINUTE, setServerClock } from "../helpers/clock";
import { burstInOneSecond, inParallel, usageReaching, type UsageBody } from "../helpers/usage";

const baseUrl = inject("baseUrl");
const DAY = 24 * HOUR;

let account: TestAccount;
let ownerRoleId: string;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Usage");
  ownerRoleId = (await roleNamed(account.owner, "Owner")).id;
});

afterAll(() => setServerClock(baseUrl, 0));

const newKey = (name: string) => createKeyWithRole(baseUrl, account.owner, ownerRoleId, name);

describe("usage per key", () => {
  it("counts 1,000 requests exactly, by operation and outcome class, within 10 s", async () => {
    const key = await newKey("counted");
    const statuses = await inParallel(1000, 10, (i) =>
      i % 20 === 0 ? key.call(`/api/v1/roles/${randomUUID()}`) : key.call("/api/v1/whoami"),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(950);
    expect(statuses.filter((status) => status === 404)).toHaveLength(50);
    const { body } = await usageReaching(account.owner, `/api/v1/api-keys/${key.keyId}/usage?granularity=minute`, 1000);
    expect(body.totals).toMatchObject({ requests: 1000, errors: 50, errorRate: 0.05 });
    expect(body.totals.byOutcome).toEqual({ "2xx": 950, "4xx": 50, "401": 0, "403": 0, "429": 0, "5xx": 0 });
    expect(body.topRoutes.map(({ operation, requests }) => [operation, requests])).toEqual([
      ["getWhoami", 950],
      ["getRolesId", 50],
    ]);
    expect(body.series).toHaveLength(24 * 60);
    expect(body.series.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(1000);
    // The account-wide view has them too (with the owner key's own reads).
    const whole = await expectJson<{ totals: { requests: number } }>(await account.owner("/api/v1/usage"), 200);
    expect(whole.totals.requests).toBeGreaterThanOrEqual(1000);
  });

  it("keeps the counts through the roll-ups to hours after 48 h and to days after 30 days", async () => {
    const key = await newKey("rolled up");
    // The requests are made at 12:30 (UTC) on the server's clock, so each roll-up shows: their
    // minute bucket becomes the 12:00 hour bucket, then that hour bucket the day's.
    const noon = new Date();
    noon.setUTCHours(12, 0, 0, 0);
    if (noon.getTime() + 30 * MINUTE <= Date.now()) noon.setTime(noon.getTime() + DAY);
    const base = noon.getTime() + 30 * MINUTE - Date.now();
    await setServerClock(baseUrl, base);
    await inParallel(30, 5, () => key.call("/api/v1/whoami"));
    const path = `/api/v1/api-keys/${key.keyId}/usage?granularity=day&from=${new Date(Date.now() - 2 * DAY).toISOString()}`;
    await usageReaching(account.owner, path, 30);
    const day = new Date(noon.getTime() - 12 * HOUR);
    const rollUps = [
      { offset: 49 * HOUR, granularity: "minute", from: noon, to: new Date(noon.getTime() + HOUR) },
      { offset: 31 * DAY, granularity: "hour", from: day, to: new Date(day.getTime() + DAY) },
    ];
    for (const { offset, granularity, from, to } of rollUps) {
      await setServerClock(baseUrl, base + offset);
      // Polled until the next flush has rolled them up: all 30 in the first, coarser bucket.
      const finer = `/api/v1/api-keys/${key.keyId}/usage?granularity=${granularity}&from=${from.toISOString()}&to=${to.toISOString()}`;
      await vi.waitFor(
        async () => {
          const { series } = await expectJson<UsageBody>(await account.owner(finer), 200);
          expect(series[0]).toMatchObject({ start: from.toISOString(), requests: 30 });
        },
        { timeout: 20_000, interval: 250 },
      );
      const { body } = await usageReaching(account.owner, path, 30);
      expect(body.topRoutes).toEqual([expect.objectContaining({ operation: "getWhoami", requests: 30 })]);
    }
    // Kept 400 days: gone after that (polled until the next flush's roll-up).
    await setServerClock(baseUrl, base + 401 * DAY);
    await usageReaching(account.owner, path, 0, 20_000);
    await setServerClock(baseUrl, 0);
  }, 90_000);

  it("refuses bad queries with 400 and other accounts' keys with 404", async () => {
    const key = await newKey("queried");
    const bad = await account.owner(`/api/v1/api-keys/${key.keyId}/usage?granularity=week`);
    expect((await expectJson<{ error: { fieldErrors: object } }>(bad, 400)).error.fieldErrors).toHaveProperty(
      "granularity",
    );
    const tooLong = await account.owner(
      `/api/v1/api-keys/${key.keyId}/usage?granularity=minute&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
    );
    expect((await expectJson<{ error: { fieldErrors: object } }>(tooLong, 400)).error.fieldErrors).toHaveProperty(
      "from",
    );
    const other = await newAccount(baseUrl, "Other");
    expect((await other.owner(`/api/v1/api-keys/${key.keyId}/usage`)).status).toBe(404);
  });
});

describe("per-key rate limit", () => {
  it("answers 429 with Retry-After and RateLimit headers past 10 a second; a neighbour is not slowed", async () => {
    const { limited, limitedStatuses, neighbourStatuses } = await burstInOneSecond(async () => {
      const limited = await newKey("limited");
      const neighbour = await newKey("neighbour");
      await expectJson(
        await account.owner(`/api/v1/api-keys/${limited.keyId}`, {
          method: "PATCH",
          json: { rateLimit: { perSecond: 10 } },
        }),
        200,
      );
      return async () => {
        const [limitedStatuses, neighbourStatuses] = await Promise.all([
          inParallel(30, 5, () => limited.call("/api/v1/whoami")),
          inParallel(30, 5, () => neighbour.call("/api/v1/whoami")),
        ]);
        return { limited, limitedStatuses, neighbourStatuses };
      };
    });
    expect(limitedStatuses.filter((status) => status === 200)).toHaveLength(10);
    expect(limitedStatuses.filter((status) => status === 429)).toHaveLength(20);
    expect(neighbourStatuses.every((status) => status === 200)).toBe(true);
    const refused = await limited.call("/api/v1/whoami");
    if (refused.status === 429) {
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    }
    expect(refused.headers.get("ratelimit-limit")).toBe("10");
    expect(refused.headers.get("ratelimit-policy")).toBe("10;w=1");
    expect(Number(refused.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    // The refusals show in its usage.
    const { body } = await usageReaching(
      account.owner,
      `/api/v1/api-keys/${limited.keyId}/usage?granularity=minute`,
      31,
    );
    expect(body.totals.byOutcome["429"]).toBeGreaterThanOrEqual(20);
  });

  it("is set on create, shown on the key, and validated", async () => {
    const created = await expectJson<{ keyId: string; rateLimit: unknown; quota: unknown }>(
      await account.owner("/api/v1/api-keys", {
        method: "POST",
        json: { name: "with limits", roleId: ownerRoleId, rateLimit: { perMinute: 600 }, quota: null },
      }),
      201,
    );
    expect(created.rateLimit).toEqual({ perSecond: null, perMinute: 600 });
    expect(created.quota).toBeNull();
    const invalid = await account.owner(`/api/v1/api-keys/${created.keyId}`, {
      method: "PATCH",
      json: { rateLimit: { perSecond: 0 }, quota: { limit: 1.5, period: "week" } },
    });
    const { error } = await expectJson<{ error: { fieldErrors: Record<string, string[]> } }>(invalid, 400);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["quota.limit", "quota.period", "rateLimit.perSecond"]);
    const cleared = await account.owner(`/api/v1/api-keys/${created.keyId}`, {
      method: "PATCH",
      json: { rateLimit: null },
    });
    expect((await expectJson<{ rateLimit: unknown }>(cleared, 200)).rateLimit).toBeNull();
  });
});

describe("per-key quota", () => {
  it("refuses past the quota until the next UTC day starts, and whoami shows what remains", async () => {
    const key = await newKey("quota");
    await expectJson(
      await account.owner(`/api/v1/api-keys/${key.keyId}`, {
        method: "PATCH",
        json: { quota: { limit: 3, period: "day" } },
      }),
      200,
    );
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const body = await expectJson<{ quota: { remaining: number; limit: number } }>(
        await key.call("/api/v1/whoami"),
        200,
      );
      remaining.push(body.quota.remaining);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const refused = await key.call("/api/v1/whoami");
    const { error } = await expectJson<{ error: { quota: { resetsAt: string } } }>(refused, 429);
    const midnight = new Date(error.quota.resetsAt).getTime();
    expect(midnight % DAY).toBe(0);
    expect(Number(refused.headers.get("retry-after"))).toBeCloseTo((midnight - Date.now()) / 1000, -2);
    // One second into the next UTC day: refilled.
    await setServerClock(baseUrl, midnight - Date.now() + 1000);
    const refilled = await expectJson<{ quota: { remaining: number } }>(await key.call("/api/v1/whoami"), 200);
    expect(refilled.quota.remaining).toBe(2);
    await setServerClock(baseUrl, 0);
  });
});
