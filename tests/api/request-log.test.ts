import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createKeyWithRole, createRole, expectJson, newAccount, roleNamed, type TestAccount } from "../helpers/account";
import { HOUR, from, newClientAddress, setServerClock } from "../helpers/clock";
import { inParallel } from "../helpers/usage";

const baseUrl = inject("baseUrl");
const kept = inject("requestLogPerKey");
const DAY = 24 * HOUR;

type Logged = {
  id: string;
  createdAt: string;
  operation: string;
  status: number;
  clientAddress: string | null;
  userAgent: string | null;
  latencyMs: number;
  requestId: string;
};
type LogPage = { items: Logged[]; total: number; totalCapped: boolean; nextCursor: string | null };

let account: TestAccount;
let ownerRoleId: string;

beforeAll(async () => {
  account = await newAccount(baseUrl, "Request Log");
  ownerRoleId = (await roleNamed(account.owner, "Owner")).id;
});

afterAll(() => setServerClock(baseUrl, 0));

const logOf = async (keyId: string, query = "") =>
  expectJson<LogPage>(await account.owner(`/api/v1/api-keys/${keyId}/requests?pageSize=100${query}`), 200);

// Polls the key's log until it holds `count` requests (written every 5 s).
async function logReaching(keyId: string, count: number, withinMs = 10_000): Promise<LogPage> {
  let last: LogPage | undefined;
  await vi.waitFor(
    async () => {
      last = await logOf(keyId);
      expect(last.total).toBe(count);
    },
    { timeout: withinMs, interval: 250 },
  );
  return last!;
}

// Splits the CSV export's text into rows of cells (no quoted commas in these rows).
const csvRows = (text: string) =>
  text
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));

describe("the request log of a key", () => {
  it("shows each of 20 requests with its status and address within 10 s, and the CSV holds the same rows", async () => {
    const key = await createKeyWithRole(baseUrl, account.owner, ownerRoleId, "logged");
    const sent = Array.from({ length: 20 }, (_, i) => ({
      requestId: `test-${randomUUID()}`,
      address: newClientAddress(),
      userAgent: `log-test/${i}`,
      path: i % 4 === 3 ? `/api/v1/roles/${randomUUID()}` : "/api/v1/whoami",
      status: i % 4 === 3 ? 404 : 200,
    }));
    for (const request of sent) {
      const response = await key.call(request.path, {
        headers: { ...from(request.address), "User-Agent": request.userAgent, "X-Request-Id": request.requestId },
      });
      await response.arrayBuffer();
      expect(response.status).toBe(request.status);
    }
    const startedAt = Date.now();
    const page = await logReaching(key.keyId, 20);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    const byRequestId = new Map(page.items.map((item) => [item.requestId, item]));
    for (const request of sent) {
      expect(byRequestId.get(request.requestId)).toMatchObject({
        status: request.status,
        clientAddress: request.address,
        userAgent: request.userAgent,
        operation: request.status === 404 ? "getRolesId" : "getWhoami",
      });
    }
    // Newest first.
    expect(page.items.map((item) => item.requestId)).toEqual(sent.map((request) => request.requestId).reverse());
    expect(page.items.every((item) => item.latencyMs >= 0 && !Number.isNaN(Date.parse(item.createdAt)))).toBe(true);

    const csv = await fetch(`${baseUrl}/api-keys/${key.keyId}/requests/export`, {
      headers: { Cookie: account.session.cookie },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const [header, ...rows] = csvRows(await csv.text());
    expect(header).toEqual(["time", "operation", "status", "client_address", "user_agent", "latency_ms", "request_id"]);
    expect(
      rows.map(([time, operation, status, address, userAgent, , requestId]) => [
        time,
        operation,
        Number(status),
        address,
        userAgent,
        requestId,
      ]),
    ).toEqual(
      page.items.map((item) => [
        item.createdAt,
        item.operation,
        item.status,
        item.clientAddress,
        item.userAgent,
        item.requestId,
      ]),
    );
  });

  it("filters by status code or class, searches, and pages with a cursor", async () => {
    const key = await createKeyWithRole(baseUrl, account.owner, ownerRoleId, "filtered");
    const marker = `needle-${randomUUID().slice(0, 8)}`;
    await inParallel(12, 4, (i) =>
      key.call(i % 3 === 0 ? `/api/v1/roles/${randomUUID()}` : "/api/v1/whoami", {
        headers: { "User-Agent": i === 5 ? marker : "plain" },
      }),
    );
    await logReaching(key.keyId, 12);
    expect((await logOf(key.keyId, "&status=404")).items.map((item) => item.status)).toEqual([404, 404, 404, 404]);
    expect((await logOf(key.keyId, "&status=4xx")).total).toBe(4);
    expect((await logOf(key.keyId, "&status=2xx")).total).toBe(8);
    expect((await logOf(key.keyId, "&status=500")).total).toBe(0);
    const found = await logOf(key.keyId, `&q=${marker}`);
    expect(found.items.map((item) => item.userAgent)).toEqual([marker]);
    expect((await account.owner(`/api/v1/api-keys/${key.keyId}/requests?status=teapot`)).status).toBe(400);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const path: string = `/api/v1/api-keys/${key.keyId}/requests?pageSize=5${after ? `&after=${after}` : ""}`;
      const page: LogPage = await expectJson<LogPage>(await account.owner(path), 200);
      seen.push(...page.items.map((item) => item.id));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual((await logOf(key.keyId)).items.map((item) => item.id));

    const csv = await fetch(`${baseUrl}/api-keys/${key.keyId}/requests/export?status=404`, {
      headers: { Cookie: account.session.cookie },
    });
    expect(
      csvRows(await csv.text())
        .slice(1)
        .map((row) => row[2]),
    ).toEqual(["404", "404", "404", "404"]);
  });

  it("is this account's only, and needs API Keys: Read", async () => {
    const key = await createKeyWithRole(baseUrl, account.owner, ownerRoleId, "private");
    await (await key.call("/api/v1/whoami")).arrayBuffer();
    await logReaching(key.keyId, 1);
    const other = await newAccount(baseUrl, "Other Request Log");
    const theirs = await other.owner(`/api/v1/api-keys/${key.keyId}/requests`);
    expect(theirs.status).toBe(404);
    const csv = await fetch(`${baseUrl}/api-keys/${key.keyId}/requests/export`, {
      headers: { Cookie: other.session.cookie },
    });
    expect(csv.status).toBe(404);
    expect((await fetch(`${baseUrl}/api-keys/${key.keyId}/requests/export`)).status).toBe(401);
    const usersOnly = await createRole(account.owner, { users: "READ" });
    const reader = await createKeyWithRole(baseUrl, account.owner, usersOnly.id, "users only");
    expect((await reader.call(`/api/v1/api-keys/${key.keyId}/requests`)).status).toBe(403);
    // A request without a valid key is in no key's log.
    await (await fetch(`${baseUrl}/api/v1/whoami`, { headers: { Authorization: "Bearer wisp_nope" } })).arrayBuffer();
    expect((await logOf(key.keyId)).total).toBe(1);
  });

  it("keeps 7 days", async () => {
    const key = await createKeyWithRole(baseUrl, account.owner, ownerRoleId, "aging");
    await (await key.call("/api/v1/whoami")).arrayBuffer();
    await logReaching(key.keyId, 1);
    await setServerClock(baseUrl, 6 * DAY);
    expect((await logOf(key.keyId)).total).toBe(1);
    await setServerClock(baseUrl, 7 * DAY + HOUR);
    expect((await logOf(key.keyId)).total).toBe(0);
    await setServerClock(baseUrl, 0);
  });

  it(`keeps a key's newest ${kept} requests (REQUEST_LOG_PER_KEY)`, async () => {
    const key = await createKeyWithRole(baseUrl, account.owner, ownerRoleId, "busy");
    const sent = kept + 10;
    const statuses = await inParallel(sent, 10, (i) =>
      key.call("/api/v1/whoami", { headers: { "User-Agent": `busy/${i}` } }),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    // Written now rather than at the next flush: the last full page of 100 and the one after it.
    const lastPage = kept / 100;
    await setServerClock(baseUrl, 0);
    await vi.waitFor(
      async () => {
        const page = await expectJson<LogPage>(
          await account.owner(`/api/v1/api-keys/${key.keyId}/requests?pageSize=100&page=${lastPage}`),
          200,
        );
        expect(page.items).toHaveLength(100);
        expect(page.total).toBe(kept);
      },
      { timeout: 10_000, interval: 250 },
    );
    const past = await expectJson<LogPage>(
      await account.owner(`/api/v1/api-keys/${key.keyId}/requests?pageSize=100&page=${lastPage + 1}`),
      200,
    );
    expect(past.items).toHaveLength(0);
    // The newest are kept: the last one sent is among the first page.
    const newest = await logOf(key.keyId);
    expect(newest.items.map((item) => item.userAgent)).toContain(`busy/${sent - 1}`);
  });
});
