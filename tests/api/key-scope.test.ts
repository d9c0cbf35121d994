import { beforeAll, describe, expect, inject, it } from "vitest";
import { createRole, expectJson, newAccount, unique, type Call, type TestAccount } from "../helpers/account";
import { api } from "../helpers/portal";

// A key scoped to chosen networks and groups (lib/records/scope.ts): lists hold only what it
// reaches, anything else is 404 like another account's, a create or change outside it is
// 403, and the scope never widens what the role allows.
const baseUrl = inject("baseUrl");

type Scope = { networks: string[]; groups: string[] } | null;
type KeyJson = { keyId: string; secret: string; scope: Scope };
type Item = { id: string };

let account: TestAccount;
let other: TestAccount;
let fullRoleId: string;
const ids = {} as Record<string, string>;

const post = async (call: Call, path: string, json: unknown) =>
  expectJson<Item>(await call(path, { method: "POST", json }), 201);
const idsOf = async (call: Call, path: string) =>
  (await expectJson<{ items: Item[] }>(await call(`${path}${path.includes("?") ? "&" : "?"}pageSize=100`), 200)).items
    .map((item) => item.id)
    .sort();
const sorted = (...values: string[]) => [...values].sort();

async function scopedKey(scope: Scope, roleId = fullRoleId) {
  const key = await expectJson<KeyJson>(
    await account.owner("/api/v1/api-keys", { method: "POST", json: { name: unique("scoped"), roleId, scope } }),
    201,
  );
  return { ...key, call: api(baseUrl, key.secret) };
}

beforeAll(async () => {
  [account, other] = await Promise.all([newAccount(baseUrl, "Scope Org"), newAccount(baseUrl, "Scope Other")]);
  const owner = account.owner;
  fullRoleId = (
    await createRole(owner, { users: "FULL", groups: "FULL", networks: "FULL", vouchers: "FULL", api_keys: "FULL" })
  ).id;
  ids.n1 = (await post(owner, "/api/v1/networks", { name: "Venue 1", ssid: "Venue1" })).id;
  ids.n2 = (await post(owner, "/api/v1/networks", { name: "Venue 2", ssid: "Venue2" })).id;
  ids.otherNet = (await post(other.owner, "/api/v1/networks", { name: "Elsewhere", ssid: "X" })).id;
  ids.otherGroup = (await post(other.owner, "/api/v1/groups", { name: "Elsewhere" })).id;
  ids.g1 = (await post(owner, "/api/v1/groups", { name: "Staff 1", networkId: ids.n1 })).id;
  ids.g2 = (await post(owner, "/api/v1/groups", { name: "Staff 2", networkId: ids.n2 })).id;
  ids.g0 = (await post(owner, "/api/v1/groups", { name: "Everyone" })).id;
  ids.u1 = (await post(owner, "/api/v1/users", { username: "venue1-guest", networkId: ids.n1 })).id;
  ids.u1g = (await post(owner, "/api/v1/users", { username: "staff1-member" })).id;
  ids.u2 = (await post(owner, "/api/v1/users", { username: "venue2-guest", networkId: ids.n2 })).id;
  ids.u2g = (await post(owner, "/api/v1/users", { username: "staff2-member" })).id;
  ids.u0 = (await post(owner, "/api/v1/users", { username: "nobody" })).id;
  for (const [group, user] of [
    [ids.g1, ids.u1g],
    [ids.g2, ids.u2g],
    [ids.g0, ids.u0],
  ]) {
    await expectJson(await owner(`/api/v1/groups/${group}/users`, { method: "POST", json: { userId: user } }), 200);
  }
  ids.v1 = (await post(owner, "/api/v1/vouchers", { validitySeconds: 3600, networkId: ids.n1 })).id;
  ids.v2 = (await post(owner, "/api/v1/vouchers", { validitySeconds: 3600, networkId: ids.n2 })).id;
  ids.v0 = (await post(owner, "/api/v1/vouchers", { validitySeconds: 3600 })).id;
});

describe("a key scoped to one network", () => {
  it("lists only that network and its groups, users and vouchers", async () => {
    const key = await scopedKey({ networks: [ids.n1], groups: [] });
    expect(key.scope).toEqual({ networks: [ids.n1], groups: [] });
    expect(await idsOf(key.call, "/api/v1/networks")).toEqual([ids.n1]);
    expect(await idsOf(key.call, "/api/v1/groups")).toEqual([ids.g1]);
    expect(await idsOf(key.call, "/api/v1/users")).toEqual(sorted(ids.u1, ids.u1g));
    expect(await idsOf(key.call, "/api/v1/vouchers")).toEqual([ids.v1]);
    // A search is within the scope too.
    expect(await idsOf(key.call, "/api/v1/users?q=guest")).toEqual([ids.u1]);
    // and the whole account's key still sees everything.
    expect(await idsOf(account.owner, "/api/v1/networks")).toEqual(sorted(ids.n1, ids.n2));
    const whoami = await expectJson<{ scope: Scope }>(await key.call("/api/v1/whoami"), 200);
    expect(whoami.scope).toEqual({ networks: [ids.n1], groups: [] });
  });

  it("gets 404 on the others, exactly like another account's ids", async () => {
    const key = await scopedKey({ networks: [ids.n1], groups: [] });
    for (const [path, own, outside] of [
      ["networks", ids.n1, ids.n2],
      ["groups", ids.g1, ids.g2],
      ["users", ids.u1g, ids.u2g],
      ["users", ids.u1, ids.u0],
      ["vouchers", ids.v1, ids.v2],
    ]) {
      await expectJson(await key.call(`/api/v1/${path}/${own}`), 200);
      const outOfScope = await key.call(`/api/v1/${path}/${outside}`);
      const otherAccount = await key.call(`/api/v1/${path}/${path === "networks" ? ids.otherNet : ids.otherGroup}`);
      expect(outOfScope.status).toBe(404);
      expect(otherAccount.status).toBe(404);
      expect(await outOfScope.json()).toMatchObject({ error: { code: "not_found" } });
      for (const method of ["PATCH", "DELETE"]) {
        const json = { networks: { ssid: "x" }, groups: { description: "x" }, users: { fullName: "x" } }[path] ?? {
          usageLimit: 2,
        };
        const response = await key.call(`/api/v1/${path}/${outside}`, { method, json });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    }
    // Nothing out of scope changed or went.
    expect(await idsOf(account.owner, "/api/v1/networks")).toEqual(sorted(ids.n1, ids.n2));
    // Group membership: an out-of-scope group is 404, an out-of-scope user can't be added.
    const addTo = (group: string, userId: string) =>
      key.call(`/api/v1/groups/${group}/users`, { method: "POST", json: { userId } });
    expect((await addTo(ids.g2, ids.u1)).status).toBe(404);
    expect((await addTo(ids.g1, ids.u2)).status).toBe(400);
    expect((await key.call(`/api/v1/groups/${ids.g2}/users/${ids.u2g}`, { method: "DELETE" })).status).toBe(404);
  });

  it("can't create or move records outside its scope (403), and can inside it", async () => {
    const key = await scopedKey({ networks: [ids.n1], groups: [] });
    const refused = async (path: string, json: unknown, method = "POST") => {
      const response = await key.call(path, { method, json });
      expect(response.status, `${method} ${path} ${JSON.stringify(json)}`).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    };
    await refused("/api/v1/networks", { name: unique("net"), ssid: "New" });
    await refused("/api/v1/groups", { name: unique("group") });
    await refused("/api/v1/groups", { name: unique("group"), networkId: ids.n2 });
    await refused("/api/v1/groups", { name: unique("group"), networkId: ids.otherNet });
    await refused("/api/v1/users", { username: unique("user") });
    await refused("/api/v1/users", { username: unique("user"), networkId: ids.n2 });
    await refused("/api/v1/vouchers", { validitySeconds: 600 });
    await refused("/api/v1/vouchers/batch", { count: 2, validitySeconds: 600, networkId: ids.n2 });
    await refused("/api/v1/vouchers/batch", { count: 2, validitySeconds: 600 });
    await refused(`/api/v1/groups/${ids.g1}`, { networkId: ids.n2 }, "PATCH");
    await refused(`/api/v1/users/${ids.u1}`, { networkId: null }, "PATCH");
    // Nothing was made or moved.
    expect(await idsOf(account.owner, "/api/v1/groups")).toEqual(sorted(ids.g0, ids.g1, ids.g2));
    expect(await idsOf(key.call, "/api/v1/users")).toEqual(sorted(ids.u1, ids.u1g));

    const group = await post(key.call, "/api/v1/groups", { name: unique("group"), networkId: ids.n1 });
    const user = await post(key.call, "/api/v1/users", { username: unique("user"), networkId: ids.n1 });
    const batch = await expectJson<{ items: Item[] }>(
      await key.call("/api/v1/vouchers/batch", {
        method: "POST",
        json: { count: 2, validitySeconds: 600, networkId: ids.n1 },
      }),
      201,
    );
    expect(await idsOf(key.call, "/api/v1/groups")).toContain(group.id);
    expect(await idsOf(key.call, "/api/v1/users")).toContain(user.id);
    expect(await idsOf(key.call, "/api/v1/vouchers")).toEqual(expect.arrayContaining(batch.items.map((v) => v.id)));
    await expectJson(await key.call(`/api/v1/groups/${group.id}`, { method: "DELETE" }), 204);
  });

  it("never widens its access: no unscoped or wider keys, no roles or members", async () => {
    const key = await scopedKey({ networks: [ids.n1], groups: [] });
    const createKey = (scope: Scope) =>
      key.call("/api/v1/api-keys", { method: "POST", json: { name: unique("child"), roleId: fullRoleId, scope } });
    expect((await createKey(null)).status).toBe(403);
    expect((await createKey({ networks: [ids.n1, ids.n2], groups: [] })).status).toBe(403);
    expect((await createKey({ networks: [], groups: [ids.g2] })).status).toBe(403);
    const child = await expectJson<KeyJson>(await createKey({ networks: [ids.n1], groups: [] }), 201);
    expect(child.scope).toEqual({ networks: [ids.n1], groups: [] });
    // Widening its own or another key's scope: refused.
    const widen = await key.call(`/api/v1/api-keys/${child.keyId}`, { method: "PATCH", json: { scope: null } });
    expect(widen.status).toBe(403);
    const ownerKey = await key.call(`/api/v1/api-keys/${account.ownerKey.keyId}`, {
      method: "PATCH",
      json: { name: "renamed" },
    });
    expect(ownerKey.status).toBe(403);
    // The scope narrows the role, never adds to it: a read-only role stays read-only.
    const readOnly = await createRole(account.owner, { networks: "READ" });
    const reader = await scopedKey({ networks: [ids.n1], groups: [] }, readOnly.id);
    expect(await idsOf(reader.call, "/api/v1/networks")).toEqual([ids.n1]);
    expect((await reader.call("/api/v1/groups")).status).toBe(403);
    expect((await reader.call(`/api/v1/networks/${ids.n1}`, { method: "PATCH", json: { ssid: "x" } })).status).toBe(
      403,
    );
  });
});

describe("a key scoped to a group", () => {
  it("reaches the group and its members only", async () => {
    const key = await scopedKey({ networks: [], groups: [ids.g2] });
    expect(await idsOf(key.call, "/api/v1/networks")).toEqual([]);
    expect(await idsOf(key.call, "/api/v1/groups")).toEqual([ids.g2]);
    expect(await idsOf(key.call, "/api/v1/users")).toEqual([ids.u2g]);
    expect(await idsOf(key.call, "/api/v1/vouchers")).toEqual([]);
  });
});

describe("setting a scope", () => {
  it("is audited, returned, takes effect at once, and refuses another account's ids", async () => {
    const key = await scopedKey(null);
    expect(key.scope).toBeNull();
    expect(await idsOf(key.call, "/api/v1/networks")).toEqual(sorted(ids.n1, ids.n2));
    const patched = await expectJson<KeyJson>(
      await account.owner(`/api/v1/api-keys/${key.keyId}`, {
        method: "PATCH",
        json: { scope: { networks: [ids.n2] } },
      }),
      200,
    );
    expect(patched.scope).toEqual({ networks: [ids.n2], groups: [] });
    // The cached key changed with it.
    expect(await idsOf(key.call, "/api/v1/networks")).toEqual([ids.n2]);
    const got = await expectJson<KeyJson>(await account.owner(`/api/v1/api-keys/${key.keyId}`), 200);
    expect(got.scope).toEqual({ networks: [ids.n2], groups: [] });
    const events = await expectJson<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      await account.owner(`/api/v1/audit-log?targetType=api_key&targetId=${key.keyId}`),
      200,
    );
    expect(events.items[0]).toMatchObject({
      action: "api_key.update",
      changes: { scope: { from: null, to: { networks: [ids.n2], groups: [] } } },
    });

    for (const scope of [
      { networks: [ids.otherNet] },
      { groups: [ids.otherGroup] },
      { networks: [], groups: [] },
      { networks: ["not-a-uuid"] },
    ]) {
      const response = await account.owner(`/api/v1/api-keys/${key.keyId}`, { method: "PATCH", json: { scope } });
      expect(response.status, JSON.stringify(scope)).toBe(400);
    }
  });

  it("keeps a deleted network's id, which then reaches nothing (never everything)", async () => {
    const venue = await post(account.owner, "/api/v1/networks", { name: unique("Pop-up"), ssid: "Popup" });
    const group = await post(account.owner, "/api/v1/groups", { name: unique("popup"), networkId: venue.id });
    const key = await scopedKey({ networks: [venue.id], groups: [] });
    expect(await idsOf(key.call, "/api/v1/groups")).toEqual([group.id]);
    await expectJson(await account.owner(`/api/v1/networks/${venue.id}`, { method: "DELETE" }), 204);
    for (const path of ["networks", "groups", "users", "vouchers"]) {
      expect(await idsOf(key.call, `/api/v1/${path}`), path).toEqual([]);
    }
    const got = await expectJson<KeyJson>(await account.owner(`/api/v1/api-keys/${key.keyId}`), 200);
    expect(got.scope).toEqual({ networks: [venue.id], groups: [] });
    // Sending the scope back as it is stays possible.
    await expectJson(
      await account.owner(`/api/v1/api-keys/${key.keyId}`, { method: "PATCH", json: { scope: got.scope } }),
      200,
    );
  });
});
