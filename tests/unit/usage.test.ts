import { describe, expect, it, vi } from "vitest";
import { periodOf } from "@/lib/rate-limit/quota-period";
import { estimate, msUntilRoom } from "@/lib/rate-limit/sliding-window";
import { operationOf } from "@/lib/api/operation";
import { outcomeOf } from "@/lib/usage/outcome";

// The operation names come from the endpoint list, some of whose imports are server-only.
vi.mock("server-only", () => ({}));

describe("usage counting", () => {
  it("names requests by OpenAPI operation, literal segments first", () => {
    expect(operationOf("GET", "/api/v1/whoami")).toBe("getWhoami");
    expect(operationOf("GET", "/api/v1/api-keys/key_0123456789abcdef/usage")).toBe("getApiKeysKeyIdUsage");
    expect(operationOf("POST", "/api/v1/vouchers/batch")).toBe("postVouchersBatch");
    expect(operationOf("PATCH", "/api/v1/vouchers/batch")).toBe("patchVouchersId");
    expect(operationOf("HEAD", "/api/v1/users")).toBe("getUsers");
    expect(operationOf("GET", "/api/v1/nothing/here/at/all")).toBe("other");
  });

  it("sorts statuses into outcome classes, 401, 403 and 429 apart", () => {
    expect([200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503].map(outcomeOf)).toEqual([
      "2xx",
      "2xx",
      "2xx",
      "4xx",
      "401",
      "403",
      "4xx",
      "4xx",
      "429",
      "5xx",
      "5xx",
    ]);
  });
});

describe("sliding window", () => {
  it("weighs the previous window by the part still inside the sliding window", () => {
    expect(estimate({ previous: 10, current: 2, elapsed: 0.75 })).toBe(4.5);
    expect(estimate({ previous: 0, current: 7, elapsed: 0.1 })).toBe(7);
  });

  it("says how long until one more request fits", () => {
    // Full window: the next one, where 10 before weigh until 10% of it has passed.
    expect(msUntilRoom({ previous: 0, current: 10, elapsed: 0.5 }, 10, 1000)).toBe(600);
    // Room in this window once enough of the previous one slid out: 10×(1−e)+5+1 ≤ 10 → e ≥ 0.6.
    expect(msUntilRoom({ previous: 10, current: 5, elapsed: 0.5 }, 10, 1000)).toBe(100);
    expect(msUntilRoom({ previous: 0, current: 3, elapsed: 0.5 }, 10, 1000)).toBe(0);
  });
});

describe("quota periods", () => {
  it("are UTC days and months", () => {
    const at = new Date("2026-12-31T23:59:59.500Z");
    expect(periodOf(at, "day")).toEqual({
      start: new Date("2026-12-31T00:00:00Z"),
      end: new Date("2027-01-01T00:00:00Z"),
    });
    expect(periodOf(at, "month")).toEqual({
      start: new Date("2026-12-01T00:00:00Z"),
      end: new Date("2027-01-01T00:00:00Z"),
    });
  });
});
