import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import {
  addMember,
  createKeyWithRole,
  createRole,
  expectJson,
  newAccount,
  roleNamed,
  type TestAccount,
} from "../helpers/account";
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

// The keys page's panel reads the account's usage in the browser, with the member's session
// (app/(portal)/api-keys/usage/route.ts): the session's account only, API Keys: Read.
describe("the keys page's usage, read with the session", () => {
  type PanelBody = UsageBody & {
    period: string;
    granularity: string;
    from: string;
    to: string;
    chart: { points: number[][]; granularity: string; bucketsPerPoint: number };
    bucketsWithRequests: { start: string; requests: number }[];
  };
  const panel = (cookie: string | null, query = "") =>
    fetch(`${baseUrl}/api-keys/usage${query}`, { headers: cookie ? { Cookie: cookie } : {} });

  // Polls until the account's getWhoami count reaches `expected` (counts are written every 5 s).
  async function whoamiReaching(cookie: string, expected: number, query = "") {
    let body: PanelBody | undefined;
    await vi.waitFor(
      async () => {
        body = await expectJson<PanelBody>(await panel(cookie, query), 200);
        expect(body.topRoutes.find((route) => route.operation === "getWhoami")?.requests ?? 0).toBe(expected);
      },
      { timeout: 15_000, interval: 250 },
    );
    return body!;
  }

  it("answers the session's account, sized to the charts, with no-store", async () => {
    const fresh = await newAccount(baseUrl, "Usage Panel");
    const key = await createKeyWithRole(baseUrl, fresh.owner, (await roleNamed(fresh.owner, "Owner")).id, "panel");
    await inParallel(7, 7, () => key.call("/api/v1/whoami"));
    const body = await whoamiReaching(fresh.session.cookie, 7);
    const response = await panel(fresh.session.cookie);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body).toMatchObject({ period: "24h", granularity: "minute" });
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(DAY);
    // 1,440 minutes as 288 points of 5; only buckets with requests for the tables.
    expect(body.chart).toMatchObject({ granularity: "minute", bucketsPerPoint: 5 });
    expect(body.chart.points).toHaveLength(288);
    expect(body).not.toHaveProperty("series");
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(sum(body.chart.points.map((point) => point[1]))).toBe(body.totals.requests);
    expect(sum(body.bucketsWithRequests.map((bucket) => bucket.requests))).toBe(body.totals.requests);
    expect(body.bucketsWithRequests.every((bucket) => bucket.requests > 0)).toBe(true);
    // The same figures as the REST endpoint's for the account (its own call is counted too).
    const rest = await expectJson<UsageBody>(await fresh.owner("/api/v1/usage?granularity=minute"), 200);
    expect(rest.topRoutes.find((route) => route.operation === "getWhoami")?.requests).toBe(7);
    expect(rest.totals.requests).toBeGreaterThanOrEqual(body.totals.requests);
  });

  it("reads the period asked for, and refuses one it doesn't know", async () => {
    const cookie = account.session.cookie;
    // Whole buckets up to now: the last hour is 60 minutes and the one now running.
    const cases = [
      ["?period=1h", "minute", 61 * MINUTE],
      ["?period=24h", "minute", DAY],
      ["?period=30d", "hour", 30 * DAY],
      ["?period=12m", "day", 365 * DAY],
    ] as const;
    for (const [query, granularity, spanMs] of cases) {
      const body = await expectJson<PanelBody>(await panel(cookie, query), 200);
      expect(body, query).toMatchObject({ period: query.slice(8), granularity });
      expect(Date.parse(body.to) - Date.parse(body.from), query).toBe(spanMs);
      expect(body.chart.points.length, query).toBeLessThanOrEqual(300);
    }
    for (const query of ["?period=week", "?period=toString"]) {
      const refused = await expectJson<{ error: { fieldErrors: object } }>(await panel(cookie, query), 400);
      expect(refused.error.fieldErrors, query).toHaveProperty("period");
    }
  });

  it("is refused without a session (401) and without API Keys: Read (403)", async () => {
    const signedOut = await panel(null);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("cache-control")).toBe("no-store");
    expect(await signedOut.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await panel("authjs.session-token=forged")).status).toBe(401);
    const usersOnly = await createRole(account.owner, { users: "READ" });
    const outsider = await addMember(baseUrl, account.owner, usersOnly.id, "No Keys");
    const refused = await panel(outsider.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    const readers = await createRole(account.owner, { api_keys: "READ" });
    const reader = await addMember(baseUrl, account.owner, readers.id, "Key Reader");
    expect((await panel(reader.cookie)).status).toBe(200);
  });

  it("never shows another account's usage, whatever the query names", async () => {
    const busy = await newAccount(baseUrl, "Busy");
    const key = await createKeyWithRole(baseUrl, busy.owner, (await roleNamed(busy.owner, "Owner")).id, "busy");
    await inParallel(5, 5, () => key.call("/api/v1/whoami"));
    await whoamiReaching(busy.session.cookie, 5);
    const quiet = await newAccount(baseUrl, "Quiet");
    const accountId = (await expectJson<{ account: { id: string } }>(await busy.owner("/api/v1/whoami"), 200)).account
      .id;
    for (const query of ["", `?accountId=${accountId}`, `?period=24h&account=${accountId}`]) {
      const body = await expectJson<PanelBody>(await panel(quiet.session.cookie, query), 200);
      expect(body.totals.requests, query).toBe(0);
      expect(body.topRoutes, query).toEqual([]);
      expect(body.bucketsWithRequests, query).toEqual([]);
    }
  });
});
