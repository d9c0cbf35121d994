import { beforeAll, describe, expect, inject, it } from "vitest";
import { createKeyWithRole, expectJson, newAccount, roleNamed, type Call, type TestAccount } from "../helpers/account";

// Lists over HTTP, on both databases (projects api and api-postgres): case-insensitive
// sorting, search by any part of a name or Key ID, pages and cursors that agree, totals that
// stop at 1,000, role names unique regardless of case, and search on every Wi-Fi list.
const baseUrl = inject("baseUrl");

type Page<T> = {
  items: T[];
  total: number;
  totalCapped: boolean;
  page: number | null;
  pageSize: number;
  nextCursor: string | null;
};
type Key = { keyId: string; name: string };

let account: TestAccount;
let readOnly: string;

const list = async <T = Key>(call: Call, path: string) => expectJson<Page<T>>(await call(path), 200);
const names = (page: Page<Key>) => page.items.map((item) => item.name);
// A cursor made up by hand: well-formed, with values the list's columns may not hold.
const cursor = (order: string, keys: (string | null)[]) =>
  Buffer.from(JSON.stringify({ o: order, k: keys, id: "11111111-1111-4111-8111-111111111111" })).toString("base64url");

beforeAll(async () => {
  account = await newAccount(baseUrl, "Lists Org");
  readOnly = (await roleNamed(account.owner, "Read Only")).id;
  for (const name of ["Guest voucher printer", "backup-server", "Zulu", "alpha", "50% off", "under_score"]) {
    await createKeyWithRole(baseUrl, account.owner, readOnly, name);
  }
});

describe("the API keys list", () => {
  it("sorts names without regard to case, both ways", async () => {
    const asc = names(await list(account.owner, "/api/v1/api-keys?sort=name&dir=asc&pageSize=100"));
    expect(asc.indexOf("backup-server")).toBeLessThan(asc.indexOf("Guest voucher printer"));
    expect(asc.map((name) => name.toLowerCase())).toEqual(asc.map((name) => name.toLowerCase()).sort());
    const desc = names(await list(account.owner, "/api/v1/api-keys?sort=name&dir=desc&pageSize=100"));
    expect(desc).toEqual([...asc].reverse());
  });

  it("finds a key by any part of its name or Key ID, without regard to case; % and _ match themselves", async () => {
    const all = await list(account.owner, "/api/v1/api-keys?pageSize=100");
    const zulu = all.items.find((key) => key.name === "Zulu")!;
    const middle = zulu.keyId.slice(6, 13);
    for (const q of ["VOUCHER PRI", "oucher"]) {
      expect(names(await list(account.owner, `/api/v1/api-keys?q=${encodeURIComponent(q)}`)), q).toEqual([
        "Guest voucher printer",
      ]);
    }
    for (const q of [middle, middle.toLowerCase(), zulu.keyId]) {
      expect(names(await list(account.owner, `/api/v1/api-keys?q=${encodeURIComponent(q)}`)), q).toEqual(["Zulu"]);
    }
    expect(names(await list(account.owner, "/api/v1/api-keys?q=%25"))).toEqual(["50% off"]);
    expect(names(await list(account.owner, "/api/v1/api-keys?q=r_s"))).toEqual(["under_score"]);
    expect(names(await list(account.owner, "/api/v1/api-keys?q=r%25s"))).toEqual([]);
    const none = await list(account.owner, "/api/v1/api-keys?q=nothing-like-this");
    expect([none.items, none.total, none.totalCapped, none.nextCursor]).toEqual([[], 0, false, null]);
  });

  it("never finds another account's keys", async () => {
    const other = await newAccount(baseUrl, "Other Lists Org");
    await createKeyWithRole(
      baseUrl,
      other.owner,
      (await roleNamed(other.owner, "Read Only")).id,
      "Guest voucher printer",
    );
    const mine = await list(account.owner, "/api/v1/api-keys?q=voucher&pageSize=100");
    const theirs = await list(other.owner, "/api/v1/api-keys?q=voucher&pageSize=100");
    expect(mine.items.map((key) => key.keyId)).not.toContain(theirs.items[0].keyId);
    expect([mine.total, theirs.total]).toEqual([1, 1]);
  });

  it("reads the same keys by page numbers and by cursors, for every sort", async () => {
    for (let i = 1; i <= 23; i++)
      await createKeyWithRole(baseUrl, account.owner, readOnly, `page-${i} ${i % 2 ? "Odd" : "even"}`);
    for (const order of ["sort=createdAt&dir=desc", "sort=name&dir=asc", "sort=lastUsedAt&dir=desc"]) {
      const base = `/api/v1/api-keys?q=page-&pageSize=10&${order}`;
      const byPage: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const read = await list(account.owner, `${base}&page=${page}`);
        expect([read.total, read.totalCapped, read.page], order).toEqual([23, false, page]);
        byPage.push(...read.items.map((key) => key.keyId));
      }
      const byCursor: string[] = [];
      let read = await list(account.owner, base);
      for (;;) {
        byCursor.push(...read.items.map((key) => key.keyId));
        if (!read.nextCursor) break;
        read = await list(account.owner, `${base}&after=${read.nextCursor}`);
        expect(read.page, order).toBeNull();
      }
      expect(byCursor, order).toEqual(byPage);
      expect(new Set(byPage).size, order).toBe(23);
    }
  });

  it("answers a page past the end with no items and the exact total", async () => {
    const past = await list(account.owner, "/api/v1/api-keys?q=page-&pageSize=10&page=99");
    expect([past.items, past.total, past.totalCapped, past.page, past.nextCursor]).toEqual([[], 23, false, 99, null]);
  });

  it("refuses a foreign or broken cursor and absurd pages with 400", async () => {
    const { nextCursor } = await list(account.owner, "/api/v1/api-keys?sort=name&dir=asc&pageSize=2");
    for (const query of [
      `sort=createdAt&after=${nextCursor}`,
      `sort=name&dir=desc&after=${nextCursor}`,
      "after=not-a-cursor",
      `after=${Buffer.from('{"o":"name.asc","k":[1],"id":"x"}').toString("base64url")}`,
      `sort=createdAt&dir=asc&after=${cursor("createdAt.asc", ["2026-13-45 99:00:00"])}`,
      `sort=createdAt&dir=asc&after=${cursor("createdAt.asc", [null])}`,
      `sort=lastUsedAt&dir=asc&after=${cursor("lastUsedAt.asc", ["someday"])}`,
      `sort=name&dir=asc&after=${cursor("name.asc", ["a\u0000b"])}`,
      "page=0",
      "page=100000000",
      "pageSize=101",
    ]) {
      const response = await account.owner(`/api/v1/api-keys?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code, query).toBe("validation_failed");
    }
  });
});

describe("totals", () => {
  it("stop counting at 1,000 (totalCapped), stay a lower bound deep in a list and are exact on its last page", async () => {
    const org = await newAccount(baseUrl, "Voucher Org");
    const batch = (count: number, prefix: string) =>
      org.owner("/api/v1/vouchers/batch", { method: "POST", json: { count, prefix, validitySeconds: 600 } });
    expect((await batch(1000, "BULK")).status).toBe(201);
    expect((await batch(5, "RARE")).status).toBe(201);
    const first = await list<{ code: string }>(org.owner, "/api/v1/vouchers");
    expect([first.total, first.totalCapped, first.items.length]).toEqual([1000, true, 20]);
    const deep = await list<{ code: string }>(org.owner, "/api/v1/vouchers?page=1002&pageSize=1");
    expect([deep.total, deep.totalCapped, deep.items.length]).toEqual([1002, true, 1]);
    const last = await list<{ code: string }>(org.owner, "/api/v1/vouchers?page=11&pageSize=100");
    expect([last.total, last.totalCapped, last.items.length, last.nextCursor]).toEqual([1005, false, 5, null]);
    const past = await list<{ code: string }>(org.owner, "/api/v1/vouchers?page=12&pageSize=100");
    expect([past.total, past.totalCapped, past.items.length]).toEqual([1005, false, 0]);
    const rare = await list<{ code: string }>(org.owner, "/api/v1/vouchers?q=rare-");
    expect([rare.total, rare.totalCapped]).toEqual([5, false]);
    expect(rare.items.every((voucher) => voucher.code.startsWith("RARE-"))).toBe(true);
    const bulk = await list<{ code: string }>(org.owner, "/api/v1/vouchers?q=bulk");
    expect([bulk.total, bulk.totalCapped]).toEqual([1000, false]);
    const common = await list<{ code: string }>(org.owner, "/api/v1/vouchers?q=-");
    expect([common.total, common.totalCapped, common.items.length]).toEqual([1000, true, 20]);
  });
});

describe("role names", () => {
  it("are unique regardless of case, and sort without regard to case after the built-in roles", async () => {
    const create = (name: string) =>
      account.owner("/api/v1/roles", { method: "POST", json: { name, permissions: { users: "READ" } } });
    const support = await expectJson<{ id: string }>(await create("Support"), 201);
    const twin = await create("SUPPORT");
    expect(twin.status).toBe(409);
    expect((await twin.json()).error.message).toMatch(/already exists/);
    const billing = await expectJson<{ id: string }>(await create("billing"), 201);
    const rename = await account.owner(`/api/v1/roles/${billing.id}`, { method: "PATCH", json: { name: "support" } });
    expect(rename.status).toBe(409);
    const ownCase = await account.owner(`/api/v1/roles/${support.id}`, { method: "PATCH", json: { name: "SUPPORT" } });
    expect(ownCase.status).toBe(200);
    const roles = (await list<{ name: string; builtIn: boolean }>(account.owner, "/api/v1/roles?pageSize=100")).items;
    expect(roles.slice(0, 2).map((role) => role.name)).toEqual(["Owner", "Read Only"]);
    const custom = roles.filter((role) => !role.builtIn).map((role) => role.name);
    expect(custom).toEqual(["billing", "SUPPORT"]);
  });
});

describe("search on the Wi-Fi lists", () => {
  it("finds users, groups, networks and vouchers by any part of what they show, without regard to case", async () => {
    const post = async (path: string, json: unknown) =>
      expectJson<{ id: string }>(await account.owner(path, { method: "POST", json }), 201);
    await post("/api/v1/users", { username: "ada.l", fullName: "Ada Lovelace", email: "ada@analytical.example" });
    await post("/api/v1/users", { username: "bob", fullName: "Bob Builder", email: null });
    await post("/api/v1/groups", { name: "Night Shift" });
    await post("/api/v1/groups", { name: "Day shift" });
    await post("/api/v1/networks", { name: "Office", ssid: "hq-5ghz" });
    await post("/api/v1/networks", { name: "Warehouse", ssid: "wh-2g" });
    const voucher = await expectJson<{ code: string }>(
      await account.owner("/api/v1/vouchers", { method: "POST", json: { prefix: "LOBBY", validitySeconds: 600 } }),
      201,
    );
    const search = async (path: string, q: string, field: string) =>
      (await list<Record<string, string>>(account.owner, `${path}?q=${encodeURIComponent(q)}`)).items.map(
        (item) => item[field],
      );
    expect(await search("/api/v1/users", "LOVELACE", "username")).toEqual(["ada.l"]);
    expect(await search("/api/v1/users", "analytical", "username")).toEqual(["ada.l"]);
    expect(await search("/api/v1/users", "a.l", "username")).toEqual(["ada.l"]);
    expect(await search("/api/v1/groups", "SHIFT", "name")).toEqual(["Night Shift", "Day shift"]);
    expect(await search("/api/v1/groups", "night", "name")).toEqual(["Night Shift"]);
    expect(await search("/api/v1/networks", "5GHZ", "name")).toEqual(["Office"]);
    expect(await search("/api/v1/networks", "house", "name")).toEqual(["Warehouse"]);
    expect(await search("/api/v1/vouchers", voucher.code.slice(-6).toLowerCase(), "code")).toEqual([voucher.code]);
    // The team and roles lists have no search: q is not one of their parameters.
    expect((await account.owner("/api/v1/team?q=x")).status).toBe(200);
  });
});

describe("the audit log list", () => {
  it("reads the same events by page numbers and by cursors, also filtered by part of an actor's name", async () => {
    for (const query of ["pageSize=7", "pageSize=7&actor=OWNER%20KEY", "pageSize=7&targetType=api_key"]) {
      const byPage: string[] = [];
      for (let page = 1; ; page++) {
        const read = await list<{ id: string }>(account.owner, `/api/v1/audit-log?${query}&page=${page}`);
        byPage.push(...read.items.map((event) => event.id));
        if (!read.nextCursor) break;
      }
      const byCursor: string[] = [];
      let read = await list<{ id: string }>(account.owner, `/api/v1/audit-log?${query}`);
      for (;;) {
        byCursor.push(...read.items.map((event) => event.id));
        if (!read.nextCursor) break;
        read = await list<{ id: string }>(account.owner, `/api/v1/audit-log?${query}&after=${read.nextCursor}`);
      }
      expect(byCursor, query).toEqual(byPage);
      expect(byPage.length, query).toBeGreaterThan(7);
    }
  });
});
